package com.kvscamera.agent.device;

/** The GPIO lines the agent uses; {@link Pi4jGpio} on a device, Pi4J's mock platform in tests. */
public interface Gpio extends AutoCloseable {
    /** @param idleHigh the level the line starts at and is left at when released (the LED's "off" level) */
    OutputLine output(int pin, String id, boolean idleHigh);

    /** @param pullUp bias the line high (a switch to ground) rather than low */
    InputLine input(int pin, String id, boolean pullUp);

    /** Releases every line; never throws. */
    @Override
    void close();
}

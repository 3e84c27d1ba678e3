package com.kvscamera.agent.device;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;

/** {@link Pi4jGpio} on Pi4J's mock platform; the switch starts at a chosen level, as a real line would. */
final class MockGpio implements Gpio {
    final Context context = Pi4J.newContextBuilder().noAutoDetect().add(new MockPlatform())
            .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
            .disableShutdownHook().build();
    private final Pi4jGpio gpio = new Pi4jGpio(context, MockDigitalOutputProvider.ID, MockDigitalInputProvider.ID);
    private final boolean switchStartsHigh;
    volatile boolean closed;
    private final java.util.Map<String, DigitalOutput> outputs = new java.util.concurrent.ConcurrentHashMap<>();

    MockGpio(boolean switchStartsHigh) {
        this.switchStartsHigh = switchStartsHigh;
    }

    @Override
    public OutputLine output(int pin, String id, boolean idleHigh) {
        OutputLine line = gpio.output(pin, id, idleHigh);
        outputs.put(id, context.io(id, DigitalOutput.class));
        return line;
    }

    @Override
    public InputLine input(int pin, String id, boolean pullUp) {
        InputLine line = gpio.input(pin, id, pullUp);
        input(id).mockState(switchStartsHigh ? DigitalState.HIGH : DigitalState.LOW);
        return line;
    }

    MockDigitalInput input(String id) {
        return context.io(id, MockDigitalInput.class);
    }

    boolean outputHigh(String id) {
        // kept: after close() the context's registry no longer knows the line, but its final level matters
        return outputs.get(id).state() == DigitalState.HIGH;
    }

    @Override
    public void close() {
        closed = true;
        gpio.close();
    }
}

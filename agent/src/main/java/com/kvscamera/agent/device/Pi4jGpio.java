package com.kvscamera.agent.device;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * GPIO lines through a Pi4J 2.8 context: on a device the gpiod providers (kernel GPIO character device, no root);
 * in tests Pi4J's mock providers.
 */
public final class Pi4jGpio implements Gpio {
    private static final Logger LOG = Logger.getLogger(Pi4jGpio.class.getName());

    private final Context context;
    private final String outputProvider;
    private final String inputProvider;

    public Pi4jGpio(Context context, String outputProvider, String inputProvider) {
        this.context = context;
        this.outputProvider = outputProvider;
        this.inputProvider = inputProvider;
    }

    /** A context with only the gpiod providers: no auto-detection, so no other plugin on the classpath is tried. */
    static Pi4jGpio gpiod() {
        Context ctx = Pi4J.newContextBuilder().noAutoDetect()
                .add(GpioDDigitalOutputProvider.newInstance(), GpioDDigitalInputProvider.newInstance())
                // the agent restores its lines in close(); Pi4J's own JVM hook would race the agent's shutdown
                .disableShutdownHook()
                .build();
        return started(ctx, GpioDDigitalOutputProvider.ID, GpioDDigitalInputProvider.ID);
    }

    /**
     * The context's providers, checked now: a provider whose initialisation failed (libgpiod finds no usable chip,
     * or Pi4J 2.8 does not recognise the board) is left out of the context with ERROR lines of Pi4J's own, and
     * using it later fails with Pi4J's advice to "include this 'provider' JAR in the classpath", which is wrong.
     */
    static Pi4jGpio started(Context ctx, String outputProvider, String inputProvider) {
        for (String id : new String[] {outputProvider, inputProvider}) {
            if (!ctx.providers().exists(id)) {
                try {
                    ctx.shutdown();
                } catch (RuntimeException ignored) {
                    // the context is unusable either way; the reason below is the one to report
                }
                throw new IllegalStateException("Pi4J's " + id + " provider did not start (Pi4J's errors above say"
                        + " why: usually no usable /dev/gpiochip, or a board Pi4J 2.8 does not recognise)");
            }
        }
        return new Pi4jGpio(ctx, outputProvider, inputProvider);
    }

    @Override
    public OutputLine output(int pin, String id, boolean idleHigh) {
        DigitalState idle = idleHigh ? DigitalState.HIGH : DigitalState.LOW;
        DigitalOutput out = context.create(DigitalOutput.newConfigBuilder(context).id(id).address(pin)
                .provider(outputProvider).initial(idle).shutdown(idle).build());
        return high -> out.state(high ? DigitalState.HIGH : DigitalState.LOW);
    }

    @Override
    public InputLine input(int pin, String id, boolean pullUp) {
        DigitalInput in = context.create(DigitalInput.newConfigBuilder(context).id(id).address(pin)
                .provider(inputProvider).pull(pullUp ? PullResistance.PULL_UP : PullResistance.PULL_DOWN).build());
        return new InputLine() {
            @Override
            public boolean high() {
                return in.state() == DigitalState.HIGH;
            }

            @Override
            public void onChange(Consumer<Boolean> listener) {
                in.addListener(e -> listener.accept(e.state() == DigitalState.HIGH));
            }
        };
    }

    @Override
    public void close() {
        try {
            context.shutdown();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "GPIO shutdown failed", e);
        }
    }
}

package com.kvscamera.agent.device;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides whether GPIO can be used here before Pi4J is touched: Pi4J logs a dozen lines (board detection, native
 * loading) when it starts on a machine without GPIO, and the agent promises one line.
 */
final class GpioAccess {
    private static final Logger LOG = Logger.getLogger(GpioAccess.class.getName());
    /** Pi4J's INFO chatter on every start (board, OS, Java) is not the agent's business; warnings still show. */
    private static final Logger PI4J_LOG = Logger.getLogger("com.pi4j");

    private GpioAccess() {
    }

    /**
     * @param devDir where the kernel's gpiochip devices are ({@code /dev})
     * @param osArch {@code os.arch}: Pi4J 2.8's gpiod plugin bundles libgpiod for arm (armhf) and aarch64 only
     * @param pi4j opens the real context; called only when the checks pass
     * @return GPIO, or empty after one log line saying why the LED and switch are off
     */
    static Optional<Gpio> open(Path devDir, String osArch, Supplier<Gpio> pi4j) {
        String why = unavailable(devDir, osArch);
        if (why != null) {
            LOG.info("no GPIO (" + why + "): status LED and privacy switch disabled");
            return Optional.empty();
        }
        PI4J_LOG.setLevel(Level.WARNING);
        try {
            return Optional.of(pi4j.get());
        } catch (RuntimeException | LinkageError e) {
            LOG.warning("GPIO could not be opened (" + e + "): status LED and privacy switch disabled");
            return Optional.empty();
        }
    }

    static String unavailable(Path devDir, String osArch) {
        if (!hasGpioChip(devDir)) {
            return "no " + devDir.resolve("gpiochip*") + " on this machine";
        }
        if (!osArch.equals("aarch64") && !osArch.equals("arm") && !osArch.equals("armhf")) {
            return "Pi4J's gpiod plugin has no native library for " + osArch;
        }
        return null;
    }

    private static boolean hasGpioChip(Path devDir) {
        try (DirectoryStream<Path> chips = Files.newDirectoryStream(devDir, "gpiochip*")) {
            return chips.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }
}

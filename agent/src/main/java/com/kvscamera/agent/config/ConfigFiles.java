package com.kvscamera.agent.config;

import com.kvscamera.agent.media.Programs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the files a configuration names can be read by this process: the trust anchors, the IoT device
 * certificate and key, and the capture file. Separate from {@link ConfigLoader} because example configurations
 * name paths that exist only on a device; {@code check-config} and {@code run} perform both checks.
 */
public final class ConfigFiles {
    private ConfigFiles() {
    }

    /** One "&lt;key&gt;: ..." line per file that is missing or unreadable. */
    public static List<String> check(AgentConfig cfg) {
        List<String> out = new ArrayList<>();
        readable(out, "aws.caCertificate", cfg.aws().caCertificate());
        if (cfg.aws().credentials().source() == CredentialsSource.IOT) {
            IotConfig iot = cfg.aws().credentials().iot();
            readable(out, "aws.credentials.iot.certificate", iot.certificate());
            readable(out, "aws.credentials.iot.privateKey", iot.privateKey());
            readable(out, "aws.credentials.iot.caCertificate", iot.caCertificate());
        }
        readable(out, "capture.file", cfg.capture().file());
        return out;
    }

    /**
     * Warnings that do not stop start-up but usually mean trouble: a capture program that is not on the PATH of
     * this environment (the service's PATH may differ, hence a warning).
     */
    public static List<String> warnings(AgentConfig cfg, java.util.Map<String, String> env) {
        List<String> out = new ArrayList<>();
        List<String> command = cfg.capture().command();
        boolean searchable = command.isEmpty() || command.get(0).contains("/") || env.get("PATH") != null;
        if (searchable && !command.isEmpty() && !command.get(0).isBlank()
                && Programs.find(command.get(0), env.get("PATH")) == null) {
            out.add("capture.command: program \"" + command.get(0) + "\" not found"
                    + (command.get(0).contains("/") ? "" : " on PATH") + " or not executable");
        }
        return out;
    }

    private static void readable(List<String> out, String key, Path path) {
        if (path == null) {
            return;
        }
        if (!Files.exists(path)) {
            out.add(key + ": file not found: " + path);
        } else if (Files.isDirectory(path)) {
            out.add(key + ": is a directory, not a file: " + path);
        } else if (!Files.isReadable(path)) {
            out.add(key + ": file is not readable by this user: " + path);
        }
    }
}

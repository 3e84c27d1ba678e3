package com.kvscamera.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion (bounded) and returns its exit code and output. */
final class Sh {
    record Result(int code, String out, String err) {
        Result ok() {
            if (code != 0) throw new AssertionError("exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err);
            return this;
        }
    }

    /**
     * Not root: the commands run under fakeroot, whose state file keeps the owners that dpkg and the maintainer
     * scripts set, so that a later {@code stat} in the same session sees them. Root: they run as they are.
     */
    private final Path fakerootState;

    Sh(Path fakerootState) {
        if (isRoot()) {
            this.fakerootState = null;
        } else {
            if (!onPath("fakeroot")) {
                throw new AssertionError("not root and no fakeroot: install the Debian package fakeroot");
            }
            this.fakerootState = fakerootState;
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Path.of(dir, tool).toFile().canExecute()) return true;
        }
        return false;
    }

    Result run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (fakerootState != null) {
            String s = fakerootState.toString();
            cmd.addAll(List.of("fakeroot", "-s", s));
            if (fakerootState.toFile().exists()) cmd.addAll(List.of("-i", s));
            cmd.add("--");
        }
        cmd.addAll(List.of(command));
        return exec(cmd, env);
    }

    Result run(String... command) throws IOException, InterruptedException {
        return run(Map.of(), command);
    }

    static Result exec(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Path out = java.nio.file.Files.createTempFile("sh-out", ".txt");
        Path err = java.nio.file.Files.createTempFile("sh-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            return new Result(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
                    java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            java.nio.file.Files.deleteIfExists(out);
            java.nio.file.Files.deleteIfExists(err);
        }
    }
}

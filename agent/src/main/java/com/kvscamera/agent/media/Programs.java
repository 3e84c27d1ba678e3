package com.kvscamera.agent.media;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds an executable program the way the shell does: a path as it is, a bare name along PATH. */
public final class Programs {
    private Programs() {
    }

    /**
     * @param program      a path (anything with a '/') or a bare name
     * @param pathVariable the PATH to search for a bare name; null finds no bare name
     * @return the executable regular file, or null
     */
    public static Path find(String program, String pathVariable) {
        if (program.contains("/")) {
            Path p = Path.of(program);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? p : null;
        }
        if (pathVariable == null) {
            return null;
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}

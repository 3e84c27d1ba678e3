package com.kvscamera.agent.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains a child's stderr (a full pipe would block the child) and keeps its last lines for the exit log line.
 * Every line also goes to the debug log. Lines end at \n or \r, so ffmpeg's progress updates count as lines.
 */
final class StderrTail implements Runnable {
    static final int MAX_LINES = 20;
    static final int MAX_LINE_LENGTH = 300;
    private static final Logger LOG = LoggerFactory.getLogger(StderrTail.class);

    private final InputStream in;
    private final String label;
    private final ArrayDeque<String> lines = new ArrayDeque<>(); // guarded by itself

    StderrTail(InputStream in, String label) {
        this.in = in;
        this.label = label;
    }

    @Override
    public void run() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.length() > MAX_LINE_LENGTH) {
                    line = line.substring(0, MAX_LINE_LENGTH) + "...";
                }
                LOG.debug("{}: {}", label, line);
                synchronized (lines) {
                    if (lines.size() == MAX_LINES) {
                        lines.removeFirst();
                    }
                    lines.addLast(line);
                }
            }
        } catch (IOException e) {
            LOG.debug("{}: stderr read ended: {}", label, e.toString());
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}

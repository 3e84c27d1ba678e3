package com.kvscamera.agent.media;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Captures what a class logs (slf4j-jdk14 routes to java.util.logging). */
final class LogRecorder extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    LogRecorder(Class<?> source) {
        logger = Logger.getLogger(source.getName());
        logger.addHandler(this);
        setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord r) {
        records.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }

    List<String> messages() {
        return records.stream().map(r -> r.getLevel() + " " + java.text.MessageFormat.format(
                r.getMessage(), r.getParameters() == null ? new Object[0] : r.getParameters()))
                .collect(Collectors.toList());
    }

    List<String> matching(String fragment) {
        return messages().stream().filter(m -> m.contains(fragment)).collect(Collectors.toList());
    }
}

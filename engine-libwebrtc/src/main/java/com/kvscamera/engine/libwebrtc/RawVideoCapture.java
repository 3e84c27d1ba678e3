package com.kvscamera.engine.libwebrtc;

import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads raw I420 (yuv420p) frames of a fixed size from a capture command's stdout and pushes them into a
 * {@link CustomVideoSource}, the only video input webrtc-java 0.14.0 has. Restarts the command when it ends.
 * Frames are copied into native buffers only while {@code wanted} says a viewer is connected, so an idle camera
 * pays for reading the pipe but not for the copy.
 */
final class RawVideoCapture implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RawVideoCapture.class.getName());
    static final long RESTART_DELAY_MS = 1000;

    private final List<String> command;
    private final int width;
    private final int height;
    private final CustomVideoSource source;
    private final BooleanSupplier wanted;
    private final Thread reader;
    private volatile Process process;
    private volatile boolean closed;
    private volatile long framesRead;

    RawVideoCapture(List<String> command, int width, int height, CustomVideoSource source, BooleanSupplier wanted) {
        if (command.isEmpty()) throw new IllegalArgumentException("'capture.command' is required by the libwebrtc engine");
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("raw frame size must be even and positive, got " + width + "x" + height);
        }
        this.command = List.copyOf(command);
        this.width = width;
        this.height = height;
        this.source = source;
        this.wanted = wanted;
        this.reader = new Thread(this::loop, "libwebrtc-capture");
        this.reader.setDaemon(true);
    }

    void start() {
        reader.start();
    }

    long framesRead() {
        return framesRead;
    }

    private void loop() {
        int ySize = width * height;
        int cSize = ySize / 4;
        byte[] frame = new byte[ySize + 2 * cSize];
        while (!closed) {
            try {
                Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                process = p;
                LOG.info("raw capture started: " + command.get(0) + " (" + width + "x" + height + " I420), pid " + p.pid());
                try (InputStream in = p.getInputStream()) {
                    while (!closed && readFully(in, frame)) {
                        framesRead++;
                        if (wanted.getAsBoolean()) push(frame, ySize, cSize);
                    }
                } finally {
                    p.destroy();
                    if (!p.waitFor(2, TimeUnit.SECONDS)) p.destroyForcibly();
                }
                if (!closed) LOG.warning("raw capture ended (exit " + p.exitValue() + "); restarting in " + RESTART_DELAY_MS + " ms");
            } catch (IOException | RuntimeException e) {
                if (!closed) LOG.log(Level.WARNING, "raw capture failed; restarting in " + RESTART_DELAY_MS + " ms", e);
            } catch (InterruptedException e) {
                return;
            }
            if (closed) return;
            try {
                Thread.sleep(RESTART_DELAY_MS); // restart backoff of an external process, on this thread only
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void push(byte[] frame, int ySize, int cSize) {
        NativeI420Buffer buffer = NativeI420Buffer.allocate(width, height);
        VideoFrame vf = new VideoFrame(buffer, System.nanoTime());
        try {
            copyPlane(frame, 0, width, height, buffer.getDataY(), buffer.getStrideY());
            copyPlane(frame, ySize, width / 2, height / 2, buffer.getDataU(), buffer.getStrideU());
            copyPlane(frame, ySize + cSize, width / 2, height / 2, buffer.getDataV(), buffer.getStrideV());
            source.pushFrame(vf);
        } finally {
            vf.release(); // mandatory: the native buffer is reference-counted and leaks otherwise
        }
    }

    private static void copyPlane(byte[] src, int offset, int w, int h, ByteBuffer dst, int stride) {
        if (stride == w) {
            dst.position(0);
            dst.put(src, offset, w * h);
            return;
        }
        for (int row = 0; row < h; row++) {
            dst.position(row * stride);
            dst.put(src, offset + row * w, w);
        }
    }

    private static boolean readFully(InputStream in, byte[] buf) throws IOException {
        int off = 0;
        while (off < buf.length) {
            int n = in.read(buf, off, buf.length - off);
            if (n < 0) return false;
            off += n;
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
        Process p = process;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        reader.interrupt();
        try {
            reader.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

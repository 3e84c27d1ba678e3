package com.kvscamera.rtc.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent decoder checks the packetizer and writer: ffmpeg encodes a clip with 3-slice pictures, we
 * packetize it (STAP-A, FU-A, single NAL, marker) and send plain RTP over 127.0.0.1 to ffmpeg's RTP demuxer,
 * and the frames ffmpeg decodes from RTP must be bit-identical (framecrc) to decoding the file directly.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FfmpegRtpInteropTest {
    private static final int FRAMES = 60;

    @TempDir
    Path dir;

    private List<String> run(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(args).redirectError(dir.resolve("ffmpeg-" + System.nanoTime() + ".err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", args));
        return Arrays.asList(out.split("\n"));
    }

    /** The CRC column of ffmpeg's framecrc output, one per decoded frame. */
    private static List<String> crcs(List<String> framecrc) {
        List<String> out = new ArrayList<>();
        for (String l : framecrc) {
            if (l.isBlank() || l.startsWith("#")) continue;
            String[] f = l.split(",");
            out.add(f[f.length - 1].trim());
        }
        return out;
    }

    /** Annex B into access units, split at access unit delimiters (which are dropped, as the agent does). */
    static List<List<byte[]>> accessUnits(byte[] annexB) {
        List<byte[]> nals = new ArrayList<>();
        int i = 0;
        int start = -1;
        while (i + 3 <= annexB.length) {
            boolean sc3 = annexB[i] == 0 && annexB[i + 1] == 0 && annexB[i + 2] == 1;
            if (sc3) {
                if (start >= 0) {
                    int end = i;
                    if (end > start && annexB[end - 1] == 0) end--; // 4-byte start code
                    nals.add(Arrays.copyOfRange(annexB, start, end));
                }
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        if (start >= 0) nals.add(Arrays.copyOfRange(annexB, start, annexB.length));
        List<List<byte[]>> aus = new ArrayList<>();
        List<byte[]> cur = null;
        for (byte[] n : nals) {
            if ((n[0] & 0x1F) == 9) {
                cur = new ArrayList<>();
                aus.add(cur);
            } else if (cur != null) {
                cur.add(n);
            }
        }
        return aus;
    }

    @Test
    void ffmpegDecodesOurRtpBitExactly() throws Exception {
        Path clip = dir.resolve("clip.h264");
        run("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=640x480:rate=30",
                "-frames:v", Integer.toString(FRAMES), "-c:v", "libx264", "-profile:v", "baseline", "-bf", "0", "-g", "15", "-b:v", "3M",
                "-x264-params", "aud=1:slices=3", "-f", "h264", clip.toString());
        List<String> reference = crcs(run("ffmpeg", "-hide_banner", "-loglevel", "error", "-i", clip.toString(), "-f", "framecrc", "-"));
        assertEquals(FRAMES, reference.size());
        List<List<byte[]>> aus = accessUnits(Files.readAllBytes(clip));
        assertEquals(FRAMES, aus.size());
        assertTrue(aus.get(0).stream().filter(n -> (n[0] & 0x1F) == 5).count() == 3, "3-slice IDR");

        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path sdp = dir.resolve("in.sdp");
        Files.writeString(sdp, "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=rtp\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=video " + port + " RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1\r\n");
        Path out = dir.resolve("rtp.crc");
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-protocol_whitelist", "file,udp,rtp",
                "-i", sdp.toString(), "-frames:v", Integer.toString(FRAMES), "-f", "framecrc", out.toString())
                .redirectError(dir.resolve("rtp.err").toFile()).start();
        try {
            awaitBound(port, ffmpeg);
            H264Packetizer packetizer = new H264Packetizer(1200);
            RtpPacketWriter writer = RtpPacketWriter.create(0x600DF00D, 96, new Random(6184));
            byte[] buf = new byte[1500];
            int packets = 0;
            int[] types = new int[32];
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
                // a quarter more than ffmpeg keeps, so the last kept frame is complete before ffmpeg stops reading
                for (int f = 0; f < FRAMES + FRAMES / 4; f++) {
                    for (RtpPayload p : packetizer.packetize(aus.get(f % FRAMES))) {
                        int n = writer.write(p, f * 3000L, buf, 0);
                        types[buf[RtpHeader.FIXED_LENGTH] & 0x1F]++;
                        socket.send(new DatagramPacket(buf, n, to));
                        packets++;
                        LockSupport.parkNanos(200_000); // keep under the loopback socket buffer; real I/O, not a clock
                    }
                }
            }
            assertTrue(types[24] >= 4 && types[28] > FRAMES && types[5] + types[1] > 0,
                    "STAP-A " + types[24] + ", FU-A " + types[28] + ", single " + (types[1] + types[5]) + " of " + packets);
            // ffmpeg buffers framecrc output until it exits, which it does by itself after FRAMES frames
            assertTrue(ffmpeg.waitFor(30, TimeUnit.SECONDS), "ffmpeg still running: " + Files.readString(dir.resolve("rtp.err")));
            assertEquals(0, ffmpeg.exitValue(), Files.readString(dir.resolve("rtp.err")));
            assertEquals(reference, crcs(Files.readAllLines(out)));
        } finally {
            ffmpeg.destroyForcibly();
            ffmpeg.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** ffmpeg has opened its RTP socket once our own bind to the port fails. */
    private static void awaitBound(int port, Process ffmpeg) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && ffmpeg.isAlive()) {
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                s.close();
            } catch (BindException e) {
                return;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            Thread.sleep(20); // polling an external process with a deadline
        }
        throw new AssertionError("ffmpeg did not open UDP port " + port + " (alive: " + ffmpeg.isAlive() + ")");
    }
}

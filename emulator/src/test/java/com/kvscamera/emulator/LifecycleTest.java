package com.kvscamera.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** close() ends connections and coturn; a new emulator can take the same port at once (agent outage tests). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LifecycleTest {

    @Test
    void closeEndsEverythingAndThePortCanBeReused() throws Exception {
        KvsEmulator first = KvsEmulator.start(EmulatorOptions.builder().accessKeyId("AKIDEXAMPLE")
                .secretAccessKey("secret").createChannel("cam1").turn(true).build());
        int port = first.baseUrl().getPort();
        int turnPort = first.turn().orElseThrow().udpPort();
        WsClient master = WsClient.connect(first.presignMaster("cam1"));
        first.close();
        first.close(); // as a shutdown hook after try-with-resources would: a no-op, not a second shutdown
        assertTrue(master.awaitEnd(Duration.ofSeconds(5)) != 0, "the master's socket ended");
        assertFalse(answersStun(turnPort), "coturn stopped");

        try (KvsEmulator second = KvsEmulator.start(EmulatorOptions.builder().port(port).accessKeyId("AKIDEXAMPLE")
                .secretAccessKey("secret").createChannel("cam1").build());
             WsClient again = WsClient.connect(second.presignMaster("cam1"))) {
            assertEquals(port, second.baseUrl().getPort());
            assertTrue(again.quietFor(Duration.ofMillis(100)));
            assertEquals(1, second.state().channel("cam1").orElseThrow().masterConnections());
        }
    }

    @Test
    void closeSendsGoingAwayToEveryConnection() throws Exception {
        KvsEmulator emu = KvsEmulator.start(EmulatorOptions.builder().accessKeyId("AKIDEXAMPLE")
                .secretAccessKey("secret").createChannel("cam1").createChannel("cam2").build());
        WsClient master = WsClient.connect(emu.presignMaster("cam1"));
        WsClient viewer = WsClient.connect(emu.presignViewer("cam1", "v1"));
        WsClient other = WsClient.connect(emu.presignMaster("cam2"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (emu.state().channel("cam1").orElseThrow().viewers() < 1 // the router admits them asynchronously
                || !emu.state().channel("cam2").orElseThrow().masterConnected()) {
            assertTrue(System.nanoTime() < deadline, "connections never admitted");
            Thread.sleep(20); // polling real network I/O with a deadline
        }
        emu.close();
        assertEquals(1001, master.awaitEnd(Duration.ofSeconds(5)), "a close frame, not a reset");
        assertEquals(1001, viewer.awaitEnd(Duration.ofSeconds(5)));
        assertEquals(1001, other.awaitEnd(Duration.ofSeconds(5)));
    }

    private static boolean answersStun(int port) throws Exception {
        byte[] req = {0, 1, 0, 0, 0x21, 0x12, (byte) 0xA4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(500);
            s.send(new DatagramPacket(req, req.length, InetAddress.getLoopbackAddress(), port));
            s.receive(new DatagramPacket(new byte[512], 512));
            return true;
        } catch (SocketTimeoutException | java.net.PortUnreachableException e) {
            return false;
        }
    }
}

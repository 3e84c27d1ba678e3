package com.kvscamera.emulator;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A minimal TURN Allocate with long-term credentials (RFC 5389/5766), written here so the emulator's tests do
 * not depend on the rtc module's TURN client: first Allocate gets 401 with REALM and NONCE, the second carries
 * USERNAME, REALM, NONCE and MESSAGE-INTEGRITY.
 */
final class TurnProbe {
    static final int ALLOCATE = 0x0003;
    static final int SUCCESS = 0x0103;
    static final int ERROR = 0x0113;
    private static final int MAGIC = 0x2112A442;

    /** Outcome: response type and, for errors, the error code; attributes by type. */
    record Result(int type, int errorCode, Map<Integer, byte[]> attributes) {
        boolean success() {
            return type == SUCCESS;
        }
    }

    private TurnProbe() {
    }

    static Result allocateUdp(int port, String username, String password) throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(3000);
            return allocate(req -> {
                s.send(new DatagramPacket(req, req.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
                DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
                s.receive(p);
                return Arrays.copyOf(p.getData(), p.getLength());
            }, username, password);
        }
    }

    static Result allocateTcp(Socket socket, String username, String password) throws Exception {
        socket.setSoTimeout(3000);
        OutputStream out = socket.getOutputStream();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        return allocate(req -> {
            out.write(req);
            out.flush();
            byte[] header = new byte[20];
            in.readFully(header);
            int len = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
            byte[] msg = Arrays.copyOf(header, 20 + len);
            in.readFully(msg, 20, len);
            return msg;
        }, username, password);
    }

    private interface Exchange {
        byte[] roundTrip(byte[] request) throws IOException;
    }

    private static Result allocate(Exchange ex, String username, String password) throws Exception {
        Result challenge = parse(ex.roundTrip(message(ALLOCATE, Map.of(0x0019, new byte[] {17, 0, 0, 0}), null)));
        if (challenge.type != ERROR || challenge.errorCode != 401) {
            throw new AssertionError("expected a 401 challenge, got type " + Integer.toHexString(challenge.type)
                    + " code " + challenge.errorCode);
        }
        byte[] realm = challenge.attributes.get(0x0014);
        byte[] nonce = challenge.attributes.get(0x0015);
        Map<Integer, byte[]> attrs = new java.util.LinkedHashMap<>();
        attrs.put(0x0019, new byte[] {17, 0, 0, 0});
        attrs.put(0x0006, username.getBytes(StandardCharsets.UTF_8));
        attrs.put(0x0014, realm);
        attrs.put(0x0015, nonce);
        byte[] key = MessageDigest.getInstance("MD5").digest((username + ":"
                + new String(realm, StandardCharsets.UTF_8) + ":" + password).getBytes(StandardCharsets.UTF_8));
        return parse(ex.roundTrip(message(ALLOCATE, attrs, key)));
    }

    private static byte[] message(int type, Map<Integer, byte[]> attrs, byte[] integrityKey) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(1500);
        b.putShort((short) type).putShort((short) 0).putInt(MAGIC);
        byte[] tid = new byte[12];
        new SecureRandom().nextBytes(tid);
        b.put(tid);
        for (Map.Entry<Integer, byte[]> a : attrs.entrySet()) {
            b.putShort(a.getKey().shortValue()).putShort((short) a.getValue().length).put(a.getValue());
            while (b.position() % 4 != 0) {
                b.put((byte) 0);
            }
        }
        if (integrityKey != null) {
            int lengthWithIntegrity = b.position() - 20 + 24;
            b.putShort(2, (short) lengthWithIntegrity);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(integrityKey, "HmacSHA1"));
            mac.update(b.array(), 0, b.position());
            b.putShort((short) 0x0008).putShort((short) 20).put(mac.doFinal());
        }
        b.putShort(2, (short) (b.position() - 20));
        return Arrays.copyOf(b.array(), b.position());
    }

    private static Result parse(byte[] msg) {
        ByteBuffer b = ByteBuffer.wrap(msg);
        int type = b.getShort() & 0xffff;
        int len = b.getShort() & 0xffff;
        b.position(20);
        Map<Integer, byte[]> attrs = new HashMap<>();
        int error = 0;
        while (b.position() < 20 + len) {
            int t = b.getShort() & 0xffff;
            int l = b.getShort() & 0xffff;
            byte[] v = new byte[l];
            b.get(v);
            while (b.position() % 4 != 0) {
                b.get();
            }
            attrs.put(t, v);
            if (t == 0x0009) {
                error = (v[2] & 0x7) * 100 + (v[3] & 0xff);
            }
        }
        return new Result(type, error, attrs);
    }
}

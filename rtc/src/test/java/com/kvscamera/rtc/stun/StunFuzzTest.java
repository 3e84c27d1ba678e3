package com.kvscamera.rtc.stun;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Random and mutated input must only ever yield a StunFormatException (counted as a drop), never a crash. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StunFuzzTest {

    @Test
    void randomAndMutatedInputIsRejectedOrParsedWithoutRuntimeExceptions() {
        Random rnd = new Random(0x5EED_5707L);
        byte[][] seeds = {Rfc5769VectorsTest.REQUEST, Rfc5769VectorsTest.IPV4_RESPONSE,
                Rfc5769VectorsTest.IPV6_RESPONSE, Rfc5769VectorsTest.LONG_TERM_REQUEST};
        int dropped = 0;
        int parsed = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] input;
            if (i % 3 == 0) {
                input = new byte[rnd.nextInt(200)];
                rnd.nextBytes(input);
                if (input.length >= 8 && rnd.nextBoolean()) { // make it pass the cheap filter more often
                    input[0] &= 0x3F;
                    input[4] = 0x21; input[5] = 0x12; input[6] = (byte) 0xA4; input[7] = 0x42;
                }
            } else {
                byte[] s = seeds[rnd.nextInt(seeds.length)];
                input = java.util.Arrays.copyOf(s, Math.max(0, s.length + rnd.nextInt(9) - 4));
                int flips = 1 + rnd.nextInt(4);
                for (int f = 0; f < flips && input.length > 0; f++) input[rnd.nextInt(input.length)] = (byte) rnd.nextInt(256);
            }
            try {
                StunMessage m = StunDecoder.decode(input, 0, input.length);
                // Everything a consumer may call must be safe on any parsed message.
                m.checkIntegrity(new byte[] {1, 2, 3});
                m.checkFingerprint();
                m.errorCode();
                m.errorReason();
                m.getXorAddress(StunAttr.XOR_MAPPED_ADDRESS);
                m.getXorAddress(StunAttr.XOR_PEER_ADDRESS);
                for (StunAttribute a : m.attributes()) { a.asString(); a.asUnsignedInt(); a.asLong(); }
                parsed++;
            } catch (StunFormatException e) {
                assertNotNull(e.getMessage());
                dropped++;
            }
        }
        assertTrue(dropped > 50_000, "most random input must be dropped, dropped=" + dropped);
        assertTrue(parsed > 50, "mutations inside attribute values still parse, parsed=" + parsed);
    }

    @Test
    void badBoundsAreRejected() {
        assertThrows(StunFormatException.class, () -> StunDecoder.decode(new byte[10], 5, 10));
        assertThrows(StunFormatException.class, () -> StunDecoder.decode(null, 0, 0));
    }
}

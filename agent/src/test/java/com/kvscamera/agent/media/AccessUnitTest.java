package com.kvscamera.agent.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AccessUnitTest {

    @Test
    void viewsAreReadOnlyIndependentAndShareTheBytes() {
        byte[] sps = {0x67, 0x42, (byte) 0xc0, 0x1f};
        byte[] idr = {0x65, (byte) 0x88, 1, 2, 3};
        AccessUnit au = AccessUnit.of(1000, true, List.of(sps, idr));
        AccessUnit retimed = au.withTimestamp(2000);
        assertEquals(2000, retimed.timestamp90k());
        assertTrue(retimed.keyframe());
        assertEquals(9, retimed.byteSize());
        assertEquals(NalUnits.IDR, retimed.nalType(1));

        ByteBuffer first = au.nals().get(1);
        first.get();
        first.get();
        assertEquals(0, au.nals().get(1).position(), "each call hands out fresh views");
        assertThrows(ReadOnlyBufferException.class, () -> au.nals().get(1).put(0, (byte) 0));

        idr[4] = 9; // the bytes are shared, not copied, by the retimed picture
        assertEquals(9, retimed.nalBytes(1)[4]);
    }

    @Test
    void emptyUnitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AccessUnit.of(0, false, List.of()));
        assertThrows(IllegalArgumentException.class, () -> AccessUnit.of(0, false, List.of(new byte[0])));
    }
}

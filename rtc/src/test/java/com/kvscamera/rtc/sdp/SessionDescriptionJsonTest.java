package com.kvscamera.rtc.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SessionDescriptionJsonTest {

    @Test
    void escapesLikeJsonAndMeasuresTheBase64Exactly() {
        String sdp = "v=0\r\ns=\"q\" \\ /\t\u0001\r\n";
        String json = SessionDescriptionJson.toJson("answer", sdp);
        assertEquals("{\"type\":\"answer\",\"sdp\":\"v=0\\r\\ns=\\\"q\\\" \\\\ /\\t\\u0001\\r\\n\"}", json);
        String b64 = SessionDescriptionJson.toBase64Json("answer", sdp);
        assertEquals(json, new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8));
        for (int n = 0; n < 10; n++) {
            String s = "v=0\r\n" + "x".repeat(n);
            assertEquals(SessionDescriptionJson.toBase64Json("answer", s).length(), SessionDescriptionJson.base64JsonLength("answer", s));
        }
    }
}

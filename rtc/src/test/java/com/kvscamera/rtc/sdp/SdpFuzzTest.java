package com.kvscamera.rtc.sdp;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Mutated real offers only ever produce an answer or an SdpException: nothing else escapes the SDP layer. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SdpFuzzTest {
    private static final String[] FIXTURES = {"alexa-offer.sdp", "alexa-offer-legacy.sdp", "chrome-offer.sdp",
        "firefox-offer.sdp", "kvs-js-viewer-offer.sdp", "kvs-c-viewer-offer.sdp", "libwebrtc-m139-offer.sdp"};
    private static final String NOISE = "= :/;\r\n\t0123456789abcdefxyzAS*-.\u00e9\u0000";

    private static String mutate(String sdp, Random rnd) {
        List<String> lines = new ArrayList<>(Arrays.asList(sdp.split("\r\n")));
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int i = rnd.nextInt(lines.size());
            String l = lines.get(i);
            switch (rnd.nextInt(6)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(rnd.nextInt(lines.size() + 1), l);
                case 2 -> lines.set(i, l.substring(0, rnd.nextInt(l.length() + 1)));
                case 3 -> {
                    if (!l.isEmpty()) {
                        char[] c = l.toCharArray();
                        c[rnd.nextInt(c.length)] = NOISE.charAt(rnd.nextInt(NOISE.length()));
                        lines.set(i, new String(c));
                    }
                }
                case 4 -> {
                    int j = rnd.nextInt(lines.size());
                    lines.set(i, lines.get(j));
                    lines.set(j, l);
                }
                default -> lines.set(i, l + NOISE.charAt(rnd.nextInt(NOISE.length())) + l);
            }
        }
        return String.join("\r\n", lines) + "\r\n";
    }

    @Test
    void mutatedOffersGiveAnAnswerOrAnSdpException() {
        Random rnd = new Random(8866);
        AnswerBuilder builder = AnswerBuilderTest.builder(DtlsSetup.ACTIVE);
        List<SdpCandidate> ours = AnswerBuilderTest.twelveCandidates();
        int answered = 0;
        int refused = 0;
        for (int i = 0; i < 5_000; i++) {
            String input = mutate(Offers.text(FIXTURES[i % FIXTURES.length]), rnd);
            try {
                SessionDescription offer = SdpParser.parse(input);
                for (MediaDescription m : offer.media()) {
                    m.candidates();
                    m.rtpMaps();
                }
                Answer a = i % 10 == 0 ? builder.buildWithinLimit(offer, ours, 10_000) : builder.build(offer, ours, true);
                SdpParser.parse(a.sdp()); // whatever we answer is itself well-formed
                answered++;
            } catch (SdpException e) {
                assertTrue(e.getMessage().startsWith("SDP"), e.getMessage());
                refused++;
            } catch (RuntimeException e) {
                fail("unchecked " + e + " for input #" + i + ":\n" + input, e);
            }
        }
        assertTrue(answered > 1_000 && refused > 300, "answered " + answered + ", refused " + refused);
    }
}

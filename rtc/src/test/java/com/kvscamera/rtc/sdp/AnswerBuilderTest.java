package com.kvscamera.rtc.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AnswerBuilderTest {
    static final int KVS_PAYLOAD_LIMIT = 10_000;

    static Fingerprint fingerprint() {
        byte[] d = new byte[32];
        for (int i = 0; i < d.length; i++) d[i] = (byte) (0xA0 + i);
        return new Fingerprint("sha-256", d);
    }

    static AnswerBuilder builder(DtlsSetup preferred) {
        return new AnswerBuilder(new LocalTransport("Cam1", "abcdefghijklmnopqrstuvwx", fingerprint(), preferred),
                new LocalVideoTrack(0x9ABCDEF0, "kvs-cam", "kvs-camera", "camera-video", H264Profile.parseProfileLevelId("42e01f")),
                4611731400430051336L);
    }

    /** Twelve candidates as a camera behind NAT with two TURN servers would gather them. */
    static List<SdpCandidate> twelveCandidates() {
        return List.of(
                SdpCandidate.of("1", 1, "udp", 2122260223L, "192.168.1.20", 50000, "host", null, -1),
                SdpCandidate.of("2", 1, "udp", 2122194687L, "2001:db8:1::20", 50001, "host", null, -1),
                SdpCandidate.of("3", 1, "udp", 2122129151L, "169.254.7.9", 50002, "host", null, -1),
                new SdpCandidate("4", 1, "tcp", 1518280447L, "192.168.1.20", 9, "host", null, -1, "active", List.of()),
                new SdpCandidate("5", 1, "tcp", 1518214911L, "192.168.1.20", 50003, "host", null, -1, "passive", List.of()),
                new SdpCandidate("6", 1, "tcp", 1518149375L, "2001:db8:1::20", 9, "host", null, -1, "active", List.of()),
                SdpCandidate.of("7", 1, "udp", 1686052607L, "203.0.113.7", 50000, "srflx", "192.168.1.20", 50000),
                SdpCandidate.of("8", 1, "udp", 1685987071L, "2001:db8:ffff::7", 50001, "srflx", "2001:db8:1::20", 50001),
                SdpCandidate.of("9", 1, "udp", 41885439L, "198.51.100.9", 61000, "relay", "203.0.113.7", 50000),
                SdpCandidate.of("10", 1, "udp", 25108223L, "198.51.100.9", 61001, "relay", "203.0.113.7", 50004),
                SdpCandidate.of("11", 1, "udp", 8331007L, "198.51.100.9", 61002, "relay", "203.0.113.7", 50005),
                SdpCandidate.of("12", 1, "udp", 41885183L, "192.0.2.99", 62000, "relay", "203.0.113.7", 50006));
    }

    static List<String> lines(String sdp) {
        assertTrue(sdp.endsWith("\r\n"));
        assertFalse(sdp.replace("\r\n", "").contains("\n"), "CRLF only");
        return Arrays.asList(sdp.split("\r\n"));
    }

    /** Lines of the m-section starting with {@code mLinePrefix}. */
    static List<String> section(String sdp, String mLinePrefix) {
        List<String> all = lines(sdp);
        int start = -1;
        for (int i = 0; i < all.size(); i++) if (all.get(i).startsWith(mLinePrefix)) start = i;
        assertTrue(start >= 0, "no " + mLinePrefix + " in\n" + sdp);
        int end = start + 1;
        while (end < all.size() && !all.get(end).startsWith("m=")) end++;
        return all.subList(start, end);
    }

    @Test
    void alexaAnswerEchoesMidsUsesPt99RejectsAudioAndHoldsCandidates() throws SdpException {
        SessionDescription offer = Offers.parse("alexa-offer.sdp");
        Answer a = builder(DtlsSetup.ACTIVE).buildWithinLimit(offer, twelveCandidates(), KVS_PAYLOAD_LIMIT);
        String sdp = a.sdp();

        assertEquals(List.of("v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE video0",
                "a=msid-semantic: WMS kvs-camera"), lines(sdp).subList(0, 6));
        assertFalse(sdp.contains("ice-options"), "Alexa did not offer trickle");
        assertEquals(List.of("m=audio 0 UDP/TLS/RTP/SAVPF 96", "c=IN IP4 0.0.0.0", "a=mid:audio0", "a=inactive"),
                section(sdp, "m=audio"));
        List<String> video = section(sdp, "m=video");
        assertEquals(List.of("m=video 9 UDP/TLS/RTP/SAVPF 99", "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0", "a=ice-ufrag:Cam1",
                "a=ice-pwd:abcdefghijklmnopqrstuvwx",
                "a=fingerprint:sha-256 A0:A1:A2:A3:A4:A5:A6:A7:A8:A9:AA:AB:AC:AD:AE:AF:B0:B1:B2:B3:B4:B5:B6:B7:B8:B9:BA:BB:BC:BD:BE:BF",
                "a=setup:active", "a=mid:video0", "a=sendonly", "a=rtcp-mux", "a=rtpmap:99 H264/90000",
                "a=rtcp-fb:99 nack", "a=rtcp-fb:99 nack pli", "a=rtcp-fb:99 ccm fir",
                "a=fmtp:99 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
                "a=msid:kvs-camera camera-video", "a=ssrc:2596069104 cname:kvs-cam", "a=ssrc:2596069104 msid:kvs-camera camera-video"),
                video.subList(0, 18));
        assertEquals(12, video.stream().filter(l -> l.startsWith("a=candidate:")).count());
        assertEquals("a=end-of-candidates", video.get(video.size() - 1));
        assertTrue(video.contains("a=candidate:9 1 udp 41885439 198.51.100.9 61000 typ relay raddr 203.0.113.7 rport 50000"));

        assertEquals("video0", a.videoMid());
        assertEquals(1, a.videoMLineIndex());
        assertEquals(99, a.h264().payloadType());
        assertEquals(DtlsSetup.ACTIVE, a.setup());
        assertFalse(a.trickle());
        assertEquals("gxfV", a.remote().iceUfrag());
        assertTrue(a.droppedCandidates().isEmpty());
        assertEquals(SessionDescriptionJson.toBase64Json("answer", sdp).length(), a.payloadLength());
        assertTrue(a.payloadLength() <= KVS_PAYLOAD_LIMIT, "payload " + a.payloadLength());

        // RFC 3264: same m-lines in the same order; our own parser reads the answer back
        SessionDescription back = SdpParser.parse(sdp);
        assertEquals(offer.media().size(), back.media().size());
        for (int i = 0; i < offer.media().size(); i++) {
            assertEquals(offer.media().get(i).type(), back.media().get(i).type());
            assertEquals(offer.media().get(i).mid(), back.media().get(i).mid());
        }
        assertEquals(12, back.media().get(1).candidates().size());
    }

    @Test
    void legacyAlexaKeepsRtpSavpfAndReadsSessionLevelTransport() throws SdpException {
        Answer a = builder(DtlsSetup.ACTIVE).build(Offers.parse("alexa-offer-legacy.sdp"), twelveCandidates().subList(0, 2), true);
        assertEquals("m=audio 0 RTP/SAVPF 96", section(a.sdp(), "m=audio").get(0));
        assertEquals("m=video 9 RTP/SAVPF 99", section(a.sdp(), "m=video").get(0));
        assertEquals("Hk2p", a.remote().iceUfrag());
        assertEquals(3, a.remote().candidates().size());
    }

    @Test
    void chromeTrickleAnswer() throws SdpException {
        Answer a = builder(DtlsSetup.ACTIVE).build(Offers.parse("chrome-offer.sdp"), List.of(), false);
        String sdp = a.sdp();
        assertTrue(lines(sdp).contains("a=ice-options:trickle"));
        assertTrue(lines(sdp).contains("a=group:BUNDLE 1"));
        assertEquals(List.of("m=audio 0 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=mid:0", "a=inactive"), section(sdp, "m=audio"));
        List<String> video = section(sdp, "m=video");
        assertEquals("m=video 9 UDP/TLS/RTP/SAVPF 108", video.get(0));
        assertTrue(video.contains("a=rtcp-rsize"));
        assertTrue(video.contains("a=mid:1"));
        assertFalse(sdp.contains("a=candidate"));
        assertFalse(sdp.contains("end-of-candidates"), "gathering still running");
        assertTrue(a.trickle());
        assertEquals(1, a.videoMLineIndex());
        assertEquals(3, a.remote().candidates().size());
    }

    @Test
    void kvsJsViewerWithDataChannel() throws SdpException {
        Answer a = builder(DtlsSetup.ACTIVE).build(Offers.parse("kvs-js-viewer-offer.sdp"), twelveCandidates().subList(0, 1), true);
        List<String> all = lines(a.sdp());
        assertEquals(List.of("m=video 9 UDP/TLS/RTP/SAVPF 108", "m=audio 0 UDP/TLS/RTP/SAVPF 111",
                "m=application 0 UDP/DTLS/SCTP webrtc-datachannel"), all.stream().filter(l -> l.startsWith("m=")).toList());
        assertEquals(List.of("m=application 0 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0", "a=mid:2", "a=inactive"),
                section(a.sdp(), "m=application"));
        assertTrue(all.contains("a=group:BUNDLE 0"));
        assertEquals("0", a.videoMid());
        assertEquals(0, a.videoMLineIndex());
    }

    @Test
    void kvsCViewerAndFirefox() throws SdpException {
        Answer c = builder(DtlsSetup.ACTIVE).build(Offers.parse("kvs-c-viewer-offer.sdp"), List.of(), false);
        List<String> video = section(c.sdp(), "m=video");
        assertEquals(List.of("a=rtcp-fb:125 nack"), video.stream().filter(l -> l.startsWith("a=rtcp-fb")).toList());
        assertTrue(video.contains("a=sendonly"), "sendrecv offer answered sendonly");

        Answer f = builder(DtlsSetup.ACTIVE).build(Offers.parse("firefox-offer.sdp"), List.of(), false);
        assertEquals("m=video 9 UDP/TLS/RTP/SAVPF 126", section(f.sdp(), "m=video").get(0));
        assertEquals("5B:D1", f.remote().fingerprint().toSdpValue().substring(8, 13));
    }

    @Test
    void libwebrtcCompleteOfferWithVideoFirst() throws SdpException {
        SessionDescription offer = Offers.parse("libwebrtc-m139-offer.sdp");
        AnswerBuilder b = builder(DtlsSetup.ACTIVE);
        OfferSelection sel = b.select(offer);
        Answer a = b.buildWithinLimit(offer, twelveCandidates(), KVS_PAYLOAD_LIMIT);
        assertEquals(sel.mid(), a.videoMid());
        assertEquals(sel.mLineIndex(), a.videoMLineIndex());
        assertEquals(sel.h264(), a.h264());
        assertEquals(sel.setup(), a.setup());
        assertEquals("0", a.videoMid());
        assertEquals(109, a.h264().payloadType());
        assertTrue(a.sdp().contains("a=group:BUNDLE 0\r\n"));
        assertEquals(List.of("m=audio 0 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=mid:1", "a=inactive"), section(a.sdp(), "m=audio"));
        assertEquals(4, a.remote().candidates().size());
        assertTrue(a.payloadLength() <= KVS_PAYLOAD_LIMIT);
    }

    @Test
    void dtlsRoleFollowsTheOffer() throws SdpException {
        String base = Offers.text("alexa-offer.sdp");
        assertEquals(DtlsSetup.PASSIVE, builder(DtlsSetup.PASSIVE).build(SdpParser.parse(base), List.of(), false).setup());
        assertEquals(DtlsSetup.PASSIVE, builder(DtlsSetup.ACTIVE)
                .build(SdpParser.parse(base.replace("a=setup:actpass", "a=setup:active")), List.of(), false).setup());
        assertEquals(DtlsSetup.ACTIVE, builder(DtlsSetup.PASSIVE)
                .build(SdpParser.parse(base.replace("a=setup:actpass", "a=setup:passive")), List.of(), false).setup());
        Answer absent = builder(DtlsSetup.ACTIVE).build(SdpParser.parse(base.replace("a=setup:actpass\r\n", "")), List.of(), false);
        assertEquals(DtlsSetup.PASSIVE, absent.setup(), "RFC 4145: no setup attribute means the offerer is active");
        assertTrue(absent.sdp().contains("a=setup:passive"));
        SessionDescription hold = SdpParser.parse(base.replace("a=setup:actpass", "a=setup:holdconn"));
        SdpException e = assertThrows(SdpException.class, () -> builder(DtlsSetup.ACTIVE).build(hold, List.of(), false));
        assertEquals(hold.media().get(1).attribute("setup").lineNumber(), e.lineNumber());
    }

    @Test
    void unanswerableOffersNameTheLine() throws SdpException {
        String base = Offers.text("alexa-offer.sdp");
        // (a bundled section may rely on the BUNDLE tag's rtcp-mux, so remove it everywhere)
        SessionDescription noMux = SdpParser.parse(base.replace("a=rtcp-mux\r\n", ""));
        SdpException e = assertThrows(SdpException.class, () -> builder(DtlsSetup.ACTIVE).build(noMux, List.of(), false));
        assertEquals(noMux.media().get(1).lineNumber(), e.lineNumber());
        assertTrue(e.rule().contains("rtcp-mux"));

        SessionDescription sendonly = SdpParser.parse(base.replace("a=sendrecv\r\na=mid:video0", "a=sendonly\r\na=mid:video0"));
        assertTrue(assertThrows(SdpException.class, () -> builder(DtlsSetup.ACTIVE).build(sendonly, List.of(), false))
                .rule().contains("does not want to receive video"));

        SessionDescription audioOnly = SdpParser.parse(base.substring(0, base.indexOf("m=video")));
        SdpException n = assertThrows(SdpException.class, () -> builder(DtlsSetup.ACTIVE).build(audioOnly, List.of(), false));
        assertEquals(0, n.lineNumber());
        assertTrue(n.rule().contains("no active m=video"));

        SessionDescription rejectedVideo = SdpParser.parse(base.replace("m=video 1 ", "m=video 0 "));
        assertThrows(SdpException.class, () -> builder(DtlsSetup.ACTIVE).build(rejectedVideo, List.of(), false));
    }

    @Test
    void secondVideoIsUsedWhenTheFirstCannotCarryH264() throws SdpException {
        String sdp = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=group:BUNDLE a b\r\n"
                + "a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n"
                + "a=fingerprint:sha-256 " + fingerprint().toSdpValue().substring(8) + "\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:a\r\na=rtcp-mux\r\na=rtpmap:96 VP8/90000\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 97\r\na=mid:b\r\na=rtcp-mux\r\na=rtpmap:97 H264/90000\r\n";
        Answer a = builder(DtlsSetup.ACTIVE).build(SdpParser.parse(sdp), List.of(), false);
        assertEquals("b", a.videoMid());
        assertEquals(List.of("m=video 0 UDP/TLS/RTP/SAVPF 96", "c=IN IP4 0.0.0.0", "a=mid:a", "a=inactive"), section(a.sdp(), "m=video 0"));
        assertTrue(a.sdp().contains("a=group:BUNDLE b\r\n"));
        assertNull(SdpParser.parse(a.sdp()).media().get(0).attribute("ice-ufrag"));
    }

    @Test
    void bundleOnlyVideoTakesTransportFromTheTaggedSection() throws SdpException {
        // max-bundle offer (RFC 8843 §7.2): audio is the BUNDLE tag; video is port 0 + bundle-only, no transport lines
        String sdp = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=group:BUNDLE a0 v0\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:a0\r\na=ice-ufrag:tagU\r\n"
                + "a=ice-pwd:abcdefghijklmnopqrstuvwx\r\na=fingerprint:" + fingerprint().toSdpValue() + "\r\n"
                + "a=setup:actpass\r\na=rtcp-mux\r\na=rtcp-rsize\r\na=rtpmap:111 opus/48000/2\r\n"
                + "a=candidate:1 1 udp 2122260223 192.0.2.1 5000 typ host\r\n"
                + "m=video 0 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=bundle-only\r\na=mid:v0\r\na=recvonly\r\n"
                + "a=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1;profile-level-id=42e01f\r\n";
        Answer a = builder(DtlsSetup.ACTIVE).build(SdpParser.parse(sdp), List.of(), false);
        assertEquals("v0", a.videoMid());
        assertEquals("tagU", a.remote().iceUfrag());
        assertEquals(1, a.remote().candidates().size());
        assertTrue(a.sdp().contains("a=group:BUNDLE v0\r\n"));
        assertEquals("m=video 9 UDP/TLS/RTP/SAVPF 96", section(a.sdp(), "m=video").get(0));
        assertTrue(section(a.sdp(), "m=video").contains("a=rtcp-rsize"));
        assertEquals(List.of("m=audio 0 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=mid:a0", "a=inactive"), section(a.sdp(), "m=audio"));
    }

    @Test
    void noBundleGroupWhenTheOfferHasNone() throws SdpException {
        String base = Offers.text("alexa-offer.sdp").replace("a=group:BUNDLE audio0 video0\r\n", "");
        assertFalse(builder(DtlsSetup.ACTIVE).build(SdpParser.parse(base), List.of(), false).sdp().contains("a=group"));
    }

    @Test
    void trimmingDropsOnlyWhatTheLimitRequiresInOrder() throws SdpException {
        SessionDescription offer = Offers.parse("alexa-offer.sdp");
        AnswerBuilder b = builder(DtlsSetup.ACTIVE);
        List<SdpCandidate> all = twelveCandidates();
        int full = b.build(offer, all, true).payloadLength();

        Answer one = b.buildWithinLimit(offer, all, full - 1);
        assertEquals(List.of("2", "6", "8"), one.droppedCandidates().stream().map(SdpCandidate::foundation).toList(), "IPv6 first");

        Answer linkLocal = b.buildWithinLimit(offer, all, one.payloadLength() - 1);
        assertEquals(List.of("2", "3", "6", "8"), linkLocal.droppedCandidates().stream().map(SdpCandidate::foundation).toList());

        Answer dupTcp = b.buildWithinLimit(offer, all, linkLocal.payloadLength() - 1);
        assertTrue(dupTcp.droppedCandidates().stream().anyMatch(c -> c.foundation().equals("5")), "lower-priority TCP on the same address");
        assertTrue(dupTcp.candidates().stream().anyMatch(c -> c.foundation().equals("4")));

        Answer relays = b.buildWithinLimit(offer, all, dupTcp.payloadLength() - 1);
        assertEquals(List.of("9"), relays.candidates().stream().filter(SdpCandidate::isRelay).map(SdpCandidate::foundation).toList(),
                "only the best relay is kept");

        Answer tight = b.buildWithinLimit(offer, all, relays.payloadLength() - 1);
        assertTrue(tight.candidates().size() < relays.candidates().size());
        assertTrue(tight.payloadLength() < relays.payloadLength());

        int minimal = b.build(offer, all.subList(0, 1), true).payloadLength();
        Answer last = b.buildWithinLimit(offer, all, minimal);
        assertEquals(List.of("1"), last.candidates().stream().map(SdpCandidate::foundation).toList(), "highest priority survives");
        SdpException e = assertThrows(SdpException.class, () -> b.buildWithinLimit(offer, all, minimal - 1));
        assertTrue(e.rule().contains("above the limit of " + (minimal - 1)), e.rule());
    }

    @Test
    void fortyCandidatesAreTrimmedToFitTheKvsLimit() throws SdpException {
        List<SdpCandidate> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(new SdpCandidate("f" + i, 1, "udp", 2_000_000_000L - i, "10.0." + (i / 200) + "." + (i % 200), 50_000 + i, "host",
                    null, -1, null, List.of("generation", "0", "network-id", Integer.toString(i), "network-cost", "10")));
        }
        Answer a = builder(DtlsSetup.ACTIVE).buildWithinLimit(Offers.parse("chrome-offer.sdp"), many, 4_000);
        assertTrue(a.payloadLength() <= 4_000);
        assertEquals(40, a.candidates().size() + a.droppedCandidates().size());
        assertEquals("f0", a.candidates().get(0).foundation());
    }

    @Test
    void localParametersAreValidatedAndThePasswordStaysOutOfToString() {
        LocalTransport t = new LocalTransport("Cam1", "abcdefghijklmnopqrstuvwx", fingerprint());
        assertEquals(DtlsSetup.ACTIVE, t.preferredSetup());
        assertFalse(t.toString().contains("abcdefghijklmnopqrstuvwx"));
        assertThrows(IllegalArgumentException.class, () -> new LocalTransport("ab", "abcdefghijklmnopqrstuvwx", fingerprint()));
        assertThrows(IllegalArgumentException.class, () -> new LocalTransport("abcd", "tooShort", fingerprint()));
        assertThrows(IllegalArgumentException.class, () -> new LocalTransport("ab:d", "abcdefghijklmnopqrstuvwx", fingerprint()));
        assertThrows(IllegalArgumentException.class, () -> new LocalVideoTrack(1, "c name", "s", "t", new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> new LocalVideoTrack(1, "c", "s", "t", new byte[2]));
    }
}

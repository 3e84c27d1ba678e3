package com.kvscamera.rtc.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SdpParserTest {

    @Test
    void alexaOffer() throws SdpException {
        SessionDescription o = Offers.parse("alexa-offer.sdp");
        assertEquals(List.of("audio0", "video0"), o.bundleMids());
        assertEquals(2, o.media().size());
        MediaDescription audio = o.media().get(0);
        MediaDescription video = o.media().get(1);
        assertEquals("audio0", audio.mid());
        assertEquals("video0", video.mid());
        assertEquals(1, video.port());
        assertEquals("UDP/TLS/RTP/SAVPF", video.proto());
        assertEquals(List.of("99"), video.formats());
        assertTrue(video.rtpMaps().get(99).isH264());
        assertNull(video.fmtp(99), "Alexa offers H.264 without fmtp");
        assertEquals(List.of("nack", "nack pli", "ccm fir"), video.rtcpFeedback(99));
        assertEquals(2500, video.bandwidthAsKbps());
        assertEquals("sendrecv", video.direction());
        assertEquals("IN IP4 0.0.0.0", o.connection());

        List<SdpCandidate> cands = video.candidates();
        assertEquals(6, cands.size());
        assertEquals(0, video.unparsableCandidates());
        assertEquals(3, cands.stream().filter(c -> c.component() == 2).count(), "RTCP component candidates are kept");
        SdpCandidate tcp = cands.get(2);
        assertTrue(tcp.isTcp());
        assertEquals("active", tcp.tcpType());
        assertEquals(9, tcp.port());

        RemoteTransport rt = o.remoteTransport(video);
        assertEquals("gxfV", rt.iceUfrag());
        assertEquals("KepKrlQ1+LD+RGTAFaqVck", rt.icePwd());
        assertEquals("sha-256", rt.fingerprint().algorithm());
        assertEquals(32, rt.fingerprint().digest().length);
        assertEquals(DtlsSetup.ACTPASS, rt.setup());
        assertFalse(rt.iceLite());
        assertFalse(o.canTrickleIce());
    }

    @Test
    void legacyAlexaOfferTakesTransportFromSessionLevel() throws SdpException {
        SessionDescription o = Offers.parse("alexa-offer-legacy.sdp");
        MediaDescription video = o.media().get(1);
        assertEquals("RTP/SAVPF", video.proto());
        assertEquals(500, video.bandwidthAsKbps());
        RemoteTransport rt = o.remoteTransport(video);
        assertEquals("Hk2p", rt.iceUfrag());
        assertEquals(DtlsSetup.ACTPASS, rt.setup());
        assertEquals(3, rt.candidates().size());
    }

    @Test
    void realChromiumOffer() throws SdpException {
        SessionDescription o = Offers.parse("chromium-156-offer.sdp");
        assertEquals(List.of("0", "1"), o.bundleMids());
        MediaDescription video = o.media().get(1);
        assertEquals("1", video.mid());
        assertEquals("recvonly", video.direction());
        assertEquals(34, video.formats().size());
        assertEquals(Map.of("level-asymmetry-allowed", "1", "packetization-mode", "1", "profile-level-id", "42e01f"), video.fmtp(108));
        assertEquals(Map.of("apt", "96"), video.fmtp(97));
        assertTrue(video.has("rtcp-rsize"));
        assertEquals("ulpfec", video.rtpMaps().get(120).encoding());
        assertEquals(List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"), video.rtcpFeedback(102));
        assertEquals(Map.of("111/111", ""), o.media().get(0).fmtp(63), "red's fmtp has no key=value");
        assertTrue(o.canTrickleIce());
        assertEquals("pnVC", o.remoteTransport(video).iceUfrag());
    }

    @Test
    void chromeOfferWithMdnsAndTcpCandidates() throws SdpException {
        SessionDescription o = Offers.parse("chrome-offer.sdp");
        List<SdpCandidate> c = o.media().get(1).candidates();
        assertEquals(3, c.size());
        assertTrue(c.get(0).isMdns());
        assertEquals(List.of("generation", "0", "network-id", "1", "network-cost", "10"), c.get(0).extensions());
        assertEquals("active", c.get(1).tcpType());
        assertEquals("srflx", c.get(2).type());
        assertEquals("0.0.0.0", c.get(2).relatedAddress());
        assertEquals(0, c.get(2).relatedPort());
    }

    @Test
    void firefoxOfferWithSessionLevelFingerprintAndFmtpBeforeRtpmap() throws SdpException {
        SessionDescription o = Offers.parse("firefox-offer.sdp");
        MediaDescription video = o.media().get(1);
        assertEquals("H264", video.rtpMaps().get(126).encoding());
        assertEquals("1", video.fmtp(126).get("packetization-mode"));
        assertNull(video.fmtp(97).get("packetization-mode"));
        assertEquals("5B:D1", o.remoteTransport(video).fingerprint().toSdpValue().substring(8, 13));
        assertTrue(video.candidates().get(1).isIpv6());
        assertTrue(video.has("end-of-candidates"));
        assertTrue(o.canTrickleIce());
    }

    @Test
    void kvsViewers() throws SdpException {
        SessionDescription js = Offers.parse("kvs-js-viewer-offer.sdp");
        assertEquals(List.of("video", "audio", "application"), js.media().stream().map(MediaDescription::type).toList());
        assertEquals("UDP/DTLS/SCTP", js.media().get(2).proto());
        assertEquals(List.of("webrtc-datachannel"), js.media().get(2).formats());

        SessionDescription c = Offers.parse("kvs-c-viewer-offer.sdp");
        MediaDescription v = c.media().get(0);
        assertEquals("0", v.mid());
        assertEquals("IN IP4 127.0.0.1", v.connection());
        assertEquals(List.of("nack", "goog-remb"), v.rtcpFeedback(125));
        assertEquals("relay", v.candidates().get(2).type());
    }

    @Test
    void realLibwebrtcCompleteOffer() throws SdpException {
        SessionDescription o = Offers.parse("libwebrtc-m139-offer.sdp");
        MediaDescription video = o.media().get(0);
        assertEquals("0", video.mid());
        assertEquals(47380, video.port(), "m= port is the default candidate's");
        assertEquals("IN IP4 192.0.2.2", video.connection());
        List<SdpCandidate> c = video.candidates();
        assertEquals(4, c.size());
        assertEquals(2, c.stream().filter(SdpCandidate::isIpv6).count());
        assertEquals(2, c.stream().filter(x -> "passive".equals(x.tcpType())).count());
        assertEquals("6zXO", o.remoteTransport(video).iceUfrag());
    }

    @Test
    void toleratesLfEndingsBlankLinesTrailingSpaceAndUnknownLines() throws SdpException {
        String sdp = "v=0\n\no=- 1 1 IN IP4 0.0.0.0  \ns=-\nt=0 0\nk=prompt\nz=0 0\n"
                + "a=ice-server-list:turn:example.invalid\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\t\na=rtpmap:96 H264/90000\na=x-google-flag:conference\n\n";
        SessionDescription o = SdpParser.parse(sdp);
        assertEquals(1, o.media().size());
        assertEquals("IN IP4 0.0.0.0", o.media().get(0).connection());
        assertEquals("ice-server-list", o.attributes().get(0).name());
        assertEquals("conference", o.media().get(0).attribute("x-google-flag").value());
    }

    static Stream<Arguments> malformed() {
        String head = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n";
        return Stream.of(
                Arguments.of("empty", "", 0, "empty session description"),
                Arguments.of("not v=0 first", "o=- 1 1 IN IP4 0.0.0.0\r\nv=0\r\n", 1, "first line must be v=0"),
                Arguments.of("v=1", "v=1\r\n", 1, "first line must be v=0"),
                Arguments.of("no equals", head + "m video 9\r\n", 5, "expected '<letter>=<value>'"),
                Arguments.of("upper-case type", head + "M=video 9 RTP/AVP 0\r\n", 5, "expected '<letter>=<value>'"),
                Arguments.of("short m=", head + "m=video 9 UDP/TLS/RTP/SAVPF\r\n", 5, "m= must be"),
                Arguments.of("bad port", head + "m=video nine UDP/TLS/RTP/SAVPF 96\r\n", 5, "m= port must be a number"),
                Arguments.of("port too large", head + "m=video 70000 UDP/TLS/RTP/SAVPF 96\r\n", 5, "m= port must be a number"),
                Arguments.of("bad rtpmap", head + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:96 H264\r\n", 7, "a=rtpmap must be"),
                Arguments.of("rtpmap pt 200", head + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:200 H264/90000\r\n", 6, "a=rtpmap must be"),
                Arguments.of("bad fmtp", head + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=fmtp:x packetization-mode=1\r\n", 6, "a=fmtp must start with a payload type"),
                Arguments.of("bad rtcp-fb", head + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rtcp-fb:96\r\n", 6, "a=rtcp-fb must be"),
                Arguments.of("empty mid", head + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:\r\n", 6, "a=mid must have a value"),
                Arguments.of("second v=", head + "v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n", 5, "v= may appear only once"),
                Arguments.of("nameless attribute", head + "a=:x\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n", 5, "a= line without an attribute name"),
                Arguments.of("bare CR inside a mid", head + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:0\ra=x\r\n", 6, "control character 0xd"),
                Arguments.of("NUL", head + "m=video 9 UDP/TLS/RTP/SAVPF 96\u0000\r\n", 5, "control character 0x0"),
                Arguments.of("no m=", head, 0, "offer has no m= sections"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedOffersNameTheLineAndRule(String name, String sdp, int line, String rule) {
        SdpException e = assertThrows(SdpException.class, () -> SdpParser.parse(sdp));
        assertEquals(line, e.lineNumber(), e.getMessage());
        assertTrue(e.rule().startsWith(rule), e.getMessage());
        assertTrue(e.getMessage().startsWith(line > 0 ? "SDP line " + line + ": " : "SDP: "), e.getMessage());
    }

    @Test
    void transportProblemsNameTheLine() throws SdpException {
        String base = Offers.text("alexa-offer.sdp");
        SessionDescription noPwd = SdpParser.parse(base.replace("a=ice-pwd:KepKrlQ1+LD+RGTAFaqVck\r\n", ""));
        SdpException e = assertThrows(SdpException.class, () -> noPwd.remoteTransport(noPwd.media().get(1)));
        assertEquals(noPwd.media().get(1).lineNumber(), e.lineNumber());
        assertTrue(e.rule().contains("ice-pwd"));

        SessionDescription badFp = SdpParser.parse(base.replace("sha-256 A2:93", "sha-256 Z2:93"));
        SdpException f = assertThrows(SdpException.class, () -> badFp.remoteTransport(badFp.media().get(1)));
        assertEquals(badFp.media().get(1).attribute("fingerprint").lineNumber(), f.lineNumber());

        SessionDescription badSetup = SdpParser.parse(base.replace("a=setup:actpass", "a=setup:sometimes"));
        SdpException g = assertThrows(SdpException.class, () -> badSetup.remoteTransport(badSetup.media().get(0)));
        assertEquals(badSetup.media().get(0).attribute("setup").lineNumber(), g.lineNumber());
        assertEquals(14, g.lineNumber());
    }

    @Test
    void oversizedInputIsRefusedBeforeParsing() {
        String huge = "v=0\r\n" + "a=x\r\n".repeat(20_000);
        SdpException e = assertThrows(SdpException.class, () -> SdpParser.parse(huge));
        assertTrue(e.rule().contains("longer than"));
    }
}

package com.kvscamera.rtc.sdp;

/** An {@code a=rtpmap} line: payload type, encoding name as written, clock rate and channels (0 when absent). */
public record RtpMap(int payloadType, String encoding, int clockRate, int channels, int lineNumber) {

    static RtpMap parse(String value, int lineNumber) throws SdpException {
        String rule = "a=rtpmap must be '<payload type 0..127> <encoding>/<clock rate>[/<channels>]'";
        String v = value == null ? "" : value.trim();
        int sp = v.indexOf(' ');
        if (sp <= 0) throw new SdpException(lineNumber, rule);
        String[] enc = v.substring(sp + 1).trim().split("/");
        if (enc.length < 2 || enc.length > 3 || enc[0].isEmpty()) throw new SdpException(lineNumber, rule);
        try {
            int pt = Integer.parseInt(v.substring(0, sp));
            int clock = Integer.parseInt(enc[1].trim());
            int ch = enc.length == 3 ? Integer.parseInt(enc[2].trim()) : 0;
            if (pt < 0 || pt > 127 || clock <= 0 || ch < 0) throw new SdpException(lineNumber, rule);
            return new RtpMap(pt, enc[0], clock, ch, lineNumber);
        } catch (NumberFormatException e) {
            throw new SdpException(lineNumber, rule);
        }
    }

    public boolean isH264() {
        return encoding.equalsIgnoreCase("H264") && clockRate == 90_000;
    }
}

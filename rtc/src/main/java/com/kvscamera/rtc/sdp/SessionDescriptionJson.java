package com.kvscamera.rtc.sdp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The W3C RTCSessionDescriptionInit JSON ({@code {"type":"answer","sdp":"..."}}) and its base64 form, which is
 * what signaling services such as KVS carry as a message payload and limit in length (KVS: 10,000 characters).
 * The escaping matches Jackson's default output for these strings (quote, backslash and control characters;
 * '/' is left alone), so the length computed here is the length the signaling layer sends; key order does not
 * change the length. Written by hand because the rtc module has no JSON dependency and needs only this object.
 */
public final class SessionDescriptionJson {
    private SessionDescriptionJson() {
    }

    public static String toJson(String type, String sdp) {
        StringBuilder sb = new StringBuilder(sdp.length() + sdp.length() / 20 + 32);
        sb.append("{\"type\":\"");
        escape(type, sb);
        sb.append("\",\"sdp\":\"");
        escape(sdp, sb);
        sb.append("\"}");
        return sb.toString();
    }

    public static String toBase64Json(String type, String sdp) {
        return Base64.getEncoder().encodeToString(toJson(type, sdp).getBytes(StandardCharsets.UTF_8));
    }

    /** Length of {@link #toBase64Json} without building it. */
    public static int base64JsonLength(String type, String sdp) {
        int bytes = toJson(type, sdp).getBytes(StandardCharsets.UTF_8).length;
        return 4 * ((bytes + 2) / 3);
    }

    private static void escape(String s, StringBuilder sb) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04X", (int) c));
                    else sb.append(c);
                }
            }
        }
    }
}

package com.kvscamera.rtc.srtp;

import java.util.HexFormat;

final class Hex {
    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String hex(byte[] b, int len) {
        return HexFormat.of().formatHex(b, 0, len);
    }
}

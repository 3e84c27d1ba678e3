package com.kvscamera.agent.media;

/** H.264 NAL unit type numbers (ITU-T H.264 table 7-1) and the few predicates the pipeline needs. */
public final class NalUnits {
    public static final int SLICE = 1;
    public static final int SLICE_PARTITION_A = 2;
    public static final int SLICE_PARTITION_B = 3;
    public static final int SLICE_PARTITION_C = 4;
    public static final int IDR = 5;
    public static final int SEI = 6;
    public static final int SPS = 7;
    public static final int PPS = 8;
    public static final int AUD = 9;
    public static final int END_OF_SEQUENCE = 10;
    public static final int END_OF_STREAM = 11;
    public static final int FILLER = 12;

    private NalUnits() {}

    public static int type(byte[] nal) {
        return nal[0] & 0x1f;
    }

    /** Coded slice data (types 1-5): what makes an access unit a picture. */
    public static boolean isVcl(int type) {
        return type >= SLICE && type <= IDR;
    }

    /**
     * Types that, after a picture's slices, begin the next access unit (H.264 7.4.1.2.3): SEI, SPS, PPS, AUD and 14-18.
     */
    public static boolean startsAccessUnitAfterVcl(int type) {
        return type == SEI || type == SPS || type == PPS || type == AUD || (type >= 14 && type <= 18);
    }
}

package com.kvscamera.agent.media;

/**
 * The first three fields of a slice header (H.264 7.3.3): enough to find picture boundaries, spot B slices and
 * know which PPS an IDR needs.
 *
 * @param sliceType 0..9; values 5..9 mean "all slices of the picture have this type"
 */
record SliceHeader(int firstMbInSlice, int sliceType, int ppsId) {

    static SliceHeader parse(byte[] nal) throws StreamFormatException {
        RbspReader r = new RbspReader(nal, 1, nal.length, "slice header (NAL type " + NalUnits.type(nal) + ")");
        int firstMb = r.ue();
        int sliceType = r.ue();
        if (sliceType > 9) {
            throw new StreamFormatException("slice_type " + sliceType + " exceeds 9");
        }
        int ppsId = r.ue();
        if (ppsId > 255) {
            throw new StreamFormatException("slice pic_parameter_set_id " + ppsId + " exceeds 255");
        }
        return new SliceHeader(firstMb, sliceType, ppsId);
    }

    boolean isB() {
        return sliceType % 5 == 1;
    }

    /** Reads pic_parameter_set_id and seq_parameter_set_id, the start of a PPS (7.3.2.2). */
    static int[] ppsIds(byte[] ppsNal) throws StreamFormatException {
        RbspReader r = new RbspReader(ppsNal, 1, ppsNal.length, "PPS");
        int ppsId = r.ue();
        int spsId = r.ue();
        if (ppsId > 255 || spsId > 31) {
            throw new StreamFormatException("PPS ids out of range (pps " + ppsId + ", sps " + spsId + ")");
        }
        return new int[] {ppsId, spsId};
    }
}

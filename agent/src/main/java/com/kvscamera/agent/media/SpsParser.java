package com.kvscamera.agent.media;

import java.util.OptionalDouble;

/** Parses an SPS NAL unit (H.264 7.3.2.1.1) far enough for profile, level, picture size and VUI frame rate. */
public final class SpsParser {
    private SpsParser() {}

    /** @param nal an SPS NAL unit including its one-byte header, without start code, escaped as in the stream */
    public static Sps parse(byte[] nal) throws StreamFormatException {
        if (nal.length < 4 || NalUnits.type(nal) != NalUnits.SPS) {
            throw new StreamFormatException("not an SPS NAL unit (type " + (nal.length == 0 ? -1 : NalUnits.type(nal))
                    + ", " + nal.length + " bytes)");
        }
        RbspReader r = new RbspReader(nal, 1, nal.length, "SPS");
        int profileIdc = r.u8();
        int constraintFlags = r.u8();
        int levelIdc = r.u8();
        int spsId = r.ue();
        if (spsId > 31) {
            throw new StreamFormatException("SPS seq_parameter_set_id " + spsId + " exceeds 31");
        }
        int chromaFormatIdc = 1;
        boolean separateColourPlane = false;
        if (hasChromaInfo(profileIdc)) {
            chromaFormatIdc = r.ue();
            if (chromaFormatIdc > 3) {
                throw new StreamFormatException("SPS chroma_format_idc " + chromaFormatIdc + " exceeds 3");
            }
            if (chromaFormatIdc == 3) {
                separateColourPlane = r.flag();
            }
            r.ue(); // bit_depth_luma_minus8
            r.ue(); // bit_depth_chroma_minus8
            r.flag(); // qpprime_y_zero_transform_bypass_flag
            if (r.flag()) { // seq_scaling_matrix_present_flag
                int lists = chromaFormatIdc != 3 ? 8 : 12;
                for (int i = 0; i < lists; i++) {
                    if (r.flag()) {
                        skipScalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        r.ue(); // log2_max_frame_num_minus4
        int pocType = r.ue();
        if (pocType == 0) {
            r.ue(); // log2_max_pic_order_cnt_lsb_minus4
        } else if (pocType == 1) {
            r.flag(); // delta_pic_order_always_zero_flag
            r.se(); // offset_for_non_ref_pic
            r.se(); // offset_for_top_to_bottom_field
            int cycle = r.ue();
            if (cycle > 255) {
                throw new StreamFormatException("SPS num_ref_frames_in_pic_order_cnt_cycle " + cycle + " exceeds 255");
            }
            for (int i = 0; i < cycle; i++) {
                r.se();
            }
        } else if (pocType != 2) {
            throw new StreamFormatException("SPS pic_order_cnt_type " + pocType + " is not 0, 1 or 2");
        }
        r.ue(); // max_num_ref_frames
        r.flag(); // gaps_in_frame_num_value_allowed_flag
        int widthMbs = r.ue() + 1;
        int heightMapUnits = r.ue() + 1;
        boolean frameMbsOnly = r.flag();
        if (!frameMbsOnly) {
            r.flag(); // mb_adaptive_frame_field_flag
        }
        r.flag(); // direct_8x8_inference_flag
        int cropLeft = 0, cropRight = 0, cropTop = 0, cropBottom = 0;
        if (r.flag()) {
            cropLeft = r.ue();
            cropRight = r.ue();
            cropTop = r.ue();
            cropBottom = r.ue();
        }
        // Crop units per H.264 equations 7-19..7-22: ChromaArrayType 0 (monochrome or separate planes) crops in luma
        // samples; otherwise in chroma samples (SubWidthC/SubHeightC), doubled vertically for field coding.
        int chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
        int subWidthC = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
        int subHeightC = chromaArrayType == 1 ? 2 : 1;
        int cropUnitX = chromaArrayType == 0 ? 1 : subWidthC;
        int cropUnitY = (chromaArrayType == 0 ? 1 : subHeightC) * (frameMbsOnly ? 1 : 2);
        long width = widthMbs * 16L - (long) cropUnitX * (cropLeft + cropRight);
        long height = (frameMbsOnly ? 1L : 2L) * heightMapUnits * 16 - (long) cropUnitY * (cropTop + cropBottom);
        if (width <= 0 || height <= 0 || width > 16384 || height > 16384) {
            throw new StreamFormatException("SPS gives an impossible picture size " + width + "x" + height);
        }
        OptionalDouble frameRate = OptionalDouble.empty();
        if (r.flag()) { // vui_parameters_present_flag
            frameRate = vuiFrameRate(r);
        }
        return new Sps(profileIdc, constraintFlags, levelIdc, spsId, chromaFormatIdc, (int) width, (int) height,
                frameMbsOnly, frameRate);
    }

    private static boolean hasChromaInfo(int profileIdc) {
        return switch (profileIdc) {
            case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135 -> true;
            default -> false;
        };
    }

    private static void skipScalingList(RbspReader r, int size) throws StreamFormatException {
        int last = 8, next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                next = (last + r.se() + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }

    /** VUI (Annex E.1.1) up to timing_info; a VUI cut short before it is tolerated, since the size is already known. */
    private static OptionalDouble vuiFrameRate(RbspReader r) {
        try {
            if (r.flag()) { // aspect_ratio_info_present_flag
                if (r.u8() == 255) { // Extended_SAR
                    r.bits(32);
                }
            }
            if (r.flag()) { // overscan_info_present_flag
                r.flag();
            }
            if (r.flag()) { // video_signal_type_present_flag
                r.bits(4);
                if (r.flag()) { // colour_description_present_flag
                    r.bits(24);
                }
            }
            if (r.flag()) { // chroma_loc_info_present_flag
                r.ue();
                r.ue();
            }
            if (r.flag()) { // timing_info_present_flag
                long unitsInTick = r.bits(32);
                long timeScale = r.bits(32);
                if (unitsInTick > 0 && timeScale > 0) {
                    return OptionalDouble.of(timeScale / (2.0 * unitsInTick));
                }
            }
        } catch (StreamFormatException truncated) {
            // some encoders cut the VUI short; the frame rate is a hint only
        }
        return OptionalDouble.empty();
    }
}

package com.kvscamera.agent.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Groups NAL units into access units (pictures) and makes each one ready to send as is.
 *
 * <ul>
 *   <li>A new access unit starts on an AUD, on SEI/SPS/PPS (or types 14-18) after a slice, or on a slice whose
 *       first_mb_in_slice is 0 after a slice (H.264 7.4.1.2.3), so multi-slice pictures stay whole.</li>
 *   <li>AUD and filler NAL units are dropped; they mean nothing to a WebRTC receiver.</li>
 *   <li>The latest SPS and PPS of every id are kept and put back in front of any IDR that arrives without the ones
 *       it references: libwebrtc asks for a keyframe (and shows nothing) for an IDR whose parameter sets it has not
 *       seen, and encoders without "repeat headers" send them only once.</li>
 *   <li>Each picture is stamped from the {@link MediaClock} with the arrival time of its first NAL unit.</li>
 *   <li>A B slice refuses the stream ({@link UnsupportedStreamException}): WebRTC has no reordering for H.264.</li>
 * </ul>
 * An access unit is emitted once the first NAL unit of the next one arrives (or on {@link #flush()}), so assembly adds
 * one frame interval of latency; Annex B carries no length that would say a picture is complete earlier.
 *
 * <p>Not thread-safe: owned by the capture reader thread.
 */
public final class AccessUnitAssembler {
    public static final String B_FRAMES_MESSAGE =
            "the H.264 stream contains B-frames, which WebRTC viewers cannot play; configure"
            + " the encoder without B-frames: ffmpeg '-bf 0' (or '-profile:v baseline'),"
            + " rpicam-vid '--profile baseline', x264 'bframes=0' (GStreamer x264enc bframes=0)";

    private final MediaClock clock;
    private final Consumer<AccessUnit> sink;
    private final byte[][] spsById = new byte[32][];
    private final byte[][] ppsById = new byte[256][];
    private final int[] spsOfPps = new int[256];

    private final List<byte[]> pending = new ArrayList<>();
    private boolean pendingHasPicture;
    private boolean pendingKeyframe;
    private int pendingIdrPpsId = -1;
    private long pendingStamp;
    private boolean stamped;

    private Sps latestSps;
    private long pictures;
    private long parameterSetsInserted;

    public AccessUnitAssembler(MediaClock clock, Consumer<AccessUnit> sink) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Takes the next NAL unit in stream order, arrived now; may emit the previous access unit to the sink. */
    public void push(byte[] nal) throws StreamFormatException {
        push(nal, Long.MIN_VALUE);
    }

    /**
     * Takes the next NAL unit, which arrived at {@code arrivalNanos} on the clock's ticker (see
     * {@link AnnexBReader#arrivalNanos()}); may emit the previous access unit to the sink.
     */
    public void push(byte[] nal, long arrivalNanos) throws StreamFormatException {
        if ((nal[0] & 0x80) != 0) {
            throw new StreamFormatException("NAL unit with forbidden_zero_bit set (header 0x"
                    + Integer.toHexString(nal[0] & 0xff) + "): the capture output is not H.264 Annex B");
        }
        int type = NalUnits.type(nal);
        if (type == NalUnits.AUD) {
            if (pendingHasPicture) {
                emit();
            }
            stampIfNew(arrivalNanos);
            return;
        }
        if (type == NalUnits.FILLER || type == NalUnits.END_OF_SEQUENCE || type == NalUnits.END_OF_STREAM) {
            return;
        }
        if (NalUnits.startsAccessUnitAfterVcl(type)) {
            if (pendingHasPicture) {
                emit();
            }
            if (type == NalUnits.SPS) {
                Sps sps = SpsParser.parse(nal);
                spsById[sps.spsId()] = nal;
                latestSps = sps;
            } else if (type == NalUnits.PPS) {
                int[] ids = SliceHeader.ppsIds(nal);
                ppsById[ids[0]] = nal;
                spsOfPps[ids[0]] = ids[1];
            }
        } else if (type == NalUnits.SLICE || type == NalUnits.SLICE_PARTITION_A || type == NalUnits.IDR) {
            SliceHeader h = SliceHeader.parse(nal);
            if (h.isB()) {
                throw new UnsupportedStreamException(B_FRAMES_MESSAGE);
            }
            if (h.firstMbInSlice() == 0 && pendingHasPicture) {
                emit();
            }
            pendingHasPicture = true;
            if (type == NalUnits.IDR) {
                pendingKeyframe = true;
                pendingIdrPpsId = h.ppsId();
            }
        } else if (NalUnits.isVcl(type)) {
            pendingHasPicture = true; // data partitions B/C belong to the picture started by partition A
        }
        stampIfNew(arrivalNanos);
        pending.add(nal);
    }

    /** End of stream: emits the last access unit if it holds a picture. */
    public void flush() {
        if (pendingHasPicture) {
            emit();
        }
    }

    /** The most recent SPS seen, once there is one. */
    public Optional<Sps> sps() {
        return Optional.ofNullable(latestSps);
    }

    public long pictures() {
        return pictures;
    }

    /** How many SPS/PPS NAL units were put back in front of IDRs that lacked them. */
    public long parameterSetsInserted() {
        return parameterSetsInserted;
    }

    private void stampIfNew(long arrivalNanos) {
        if (!stamped) {
            pendingStamp = arrivalNanos == Long.MIN_VALUE ? clock.stamp() : clock.stampAt(arrivalNanos);
            stamped = true;
        }
    }

    private void emit() {
        List<byte[]> nals = pending;
        if (pendingKeyframe) {
            nals = withParameterSets(nals, pendingIdrPpsId);
        }
        sink.accept(AccessUnit.of(pendingStamp, pendingKeyframe, nals));
        pictures++;
        pending.clear();
        pendingHasPicture = false;
        pendingKeyframe = false;
        pendingIdrPpsId = -1;
        stamped = false;
    }

    /** Copies the list, inserting the SPS and PPS the IDR references before its first slice if they are missing. */
    private List<byte[]> withParameterSets(List<byte[]> nals, int ppsId) {
        byte[] pps = ppsById[ppsId];
        byte[] sps = pps == null ? null : spsById[spsOfPps[ppsId]];
        boolean hasSps = false, hasPps = false;
        int firstSlice = nals.size();
        for (int i = 0; i < nals.size(); i++) {
            byte[] n = nals.get(i);
            int t = NalUnits.type(n);
            hasSps |= t == NalUnits.SPS && n == sps;
            hasPps |= t == NalUnits.PPS && n == pps;
            if (NalUnits.isVcl(t) && i < firstSlice) {
                firstSlice = i;
            }
        }
        List<byte[]> out = new ArrayList<>(nals.size() + 2);
        out.addAll(nals.subList(0, firstSlice));
        if (sps != null && !hasSps) {
            out.add(sps);
            parameterSetsInserted++;
        }
        if (pps != null && !hasPps) {
            out.add(pps);
            parameterSetsInserted++;
        }
        out.addAll(nals.subList(firstSlice, nals.size()));
        return out;
    }
}

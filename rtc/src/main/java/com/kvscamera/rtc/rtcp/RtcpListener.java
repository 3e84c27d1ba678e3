package com.kvscamera.rtc.rtcp;

import java.util.List;

/**
 * What a sender learns from the viewer's RTCP. Called on the thread that calls {@link RtcpReader#read};
 * the default methods ignore the message, so a listener implements only what it acts on.
 */
public interface RtcpListener {
    /** Report blocks from an RR or SR (only blocks; our sender never receives media to match SR sender info). */
    default void onReportBlocks(int senderSsrc, List<ReportBlock> blocks) {
    }

    /** Generic NACK (RFC 4585 §6.2.1): sequence numbers the viewer has not received, already expanded. */
    default void onNack(int senderSsrc, int mediaSsrc, int[] lostSequences) {
    }

    /** Picture Loss Indication (RFC 4585 §6.3.1). */
    default void onPictureLoss(int senderSsrc, int mediaSsrc) {
    }

    /** Full Intra Request (RFC 5104 §4.3.1), one call per FCI entry; repeats carry the same sequence number. */
    default void onFullIntraRequest(int senderSsrc, int targetSsrc, int sequenceNumber) {
    }

    /** Receiver estimated maximum bitrate (draft-alvestrand-rmcat-remb), informational only. */
    default void onRemb(int senderSsrc, long bitrateBps, int[] ssrcs) {
    }

    /** BYE (RFC 3550 §6.6): the listed sources are leaving. */
    default void onBye(int[] ssrcs, String reason) {
    }
}

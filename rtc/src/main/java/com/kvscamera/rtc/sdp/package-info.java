/**
 * Offer parsing and answer building for a video-only H.264 sender.
 *
 * <p>Session flow: {@link com.kvscamera.rtc.sdp.SdpParser#parse} the offer; {@link com.kvscamera.rtc.sdp.OfferSelection#select}
 * (or {@link com.kvscamera.rtc.sdp.AnswerBuilder#select}) to learn the remote ICE credentials, fingerprint, candidates,
 * our DTLS role and whether the peer trickles; create the transport; then
 * {@link com.kvscamera.rtc.sdp.AnswerBuilder#build} for an immediate trickle answer, or
 * {@link com.kvscamera.rtc.sdp.AnswerBuilder#buildWithinLimit} for a complete answer that must fit a signaling
 * payload limit. Every problem with an offer is an {@link com.kvscamera.rtc.sdp.SdpException} naming the line and rule.
 */
package com.kvscamera.rtc.sdp;

/**
 * RTP for one H.264 passthrough stream per viewer.
 *
 * <p>Per access unit, once for all viewers: {@link com.kvscamera.rtc.rtp.H264Packetizer#packetize} turns the NAL
 * units into immutable {@link com.kvscamera.rtc.rtp.RtpPayload}s that reference the NAL arrays. Per viewer:
 * {@link com.kvscamera.rtc.rtp.RtpPacketWriter#write} puts header and payload into a reusable buffer (the one copy of
 * the media bytes), SRTP protects it, {@link com.kvscamera.rtc.rtp.RetransmissionBuffer#store} keeps the protected
 * bytes for NACKs, and {@link com.kvscamera.rtc.rtp.PacketPacer} releases packets at a bounded rate on the viewer's
 * scheduler.
 */
package com.kvscamera.rtc.rtp;

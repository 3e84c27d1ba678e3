/**
 * RTCP for a video sender: {@link com.kvscamera.rtc.rtcp.SenderReportWriter} builds SR+SDES (and BYE) compounds
 * from the {@link com.kvscamera.rtc.rtp.RtpPacketWriter}'s counts and an NTP time from the injected clock
 * ({@link com.kvscamera.rtc.rtcp.NtpTime}); {@link com.kvscamera.rtc.rtcp.RtcpReader} walks the viewer's decrypted
 * compounds into {@link com.kvscamera.rtc.rtcp.RtcpListener} calls (report blocks, NACK, PLI, FIR, REMB, BYE) and
 * counts what it drops; {@link com.kvscamera.rtc.rtcp.KeyframeRequestLimiter} decides which PLI/FIR get a keyframe.
 */
package com.kvscamera.rtc.rtcp;

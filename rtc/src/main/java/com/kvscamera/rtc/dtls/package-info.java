/**
 * DTLS 1.2 with use_srtp for WebRTC, on BouncyCastle's lightweight TLS API (BcTlsCrypto; BC is never registered
 * as a JCA provider).
 *
 * <p>Entry points: {@link com.kvscamera.rtc.dtls.DtlsCertificateStore#loadOrCreate} once per process for the
 * identity (its {@link com.kvscamera.rtc.dtls.DtlsCertificate#fingerprint()} goes into the SDP answer), then one
 * {@link com.kvscamera.rtc.dtls.DtlsSrtpEndpoint} per peer: give its {@code receiver()} the datagrams whose first
 * byte is 20..63, call {@code start(role, remoteFingerprint, sender)} and take the SRTP session from the future.
 *
 * <p>Threads: each endpoint runs one thread, {@code dtls-<peer>}, for BC's blocking handshake and then for
 * close_notify and retransmitted final flights; it is gone when {@code close()} returns. Futures complete on the
 * executor given to the endpoint.
 */
package com.kvscamera.rtc.dtls;

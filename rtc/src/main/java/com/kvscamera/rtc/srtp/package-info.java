/**
 * SRTP and SRTCP (RFC 3711, RFC 7714) for the profiles DTLS negotiates: AES_CM_128_HMAC_SHA1_80 and
 * AEAD_AES_128_GCM, on javax.crypto. {@link com.kvscamera.rtc.srtp.SrtpSession} is the API: in-place
 * protect/unprotect returning the new length; inbound failures return -1 and are counted, never thrown.
 */
package com.kvscamera.rtc.srtp;

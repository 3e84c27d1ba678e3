package com.kvscamera.rtc.ice;

/** Connection state of an ICE agent, named after RTCIceConnectionState. */
public enum IceState {
    NEW, CHECKING, CONNECTED, DISCONNECTED, FAILED, CLOSED
}

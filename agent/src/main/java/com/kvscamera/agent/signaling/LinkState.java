package com.kvscamera.agent.signaling;

/** Where the signaling master is on its way to (or in) a connected WebSocket; KVS C SDK state names. */
public enum LinkState {
    DESCRIBE,
    CREATE,
    GET_ENDPOINT,
    GET_ICE_CONFIG,
    CONNECT,
    CONNECTED,
    STOPPED
}

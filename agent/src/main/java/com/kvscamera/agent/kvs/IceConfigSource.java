package com.kvscamera.agent.kvs;

/** Fetches a fresh ICE configuration (GetIceServerConfig); blocking, called on an I/O thread. */
@FunctionalInterface
public interface IceConfigSource {
    IceConfig fetch() throws KvsCallException;
}

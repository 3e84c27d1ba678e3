package com.kvscamera.emulator.signaling;

/**
 * A validated frame from a client.
 *
 * @param recipientClientId null for viewer messages (they go to the master)
 * @param correlationId     null when the client sent none
 */
record ClientMessage(String action, String recipientClientId, String messagePayload, String correlationId) {
}

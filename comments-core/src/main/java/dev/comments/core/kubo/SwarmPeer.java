package dev.comments.core.kubo;

import jakarta.json.JsonObject;

/** A connected peer from {@code swarm/peers}: the remote address of the connection and the peer's id. */
public record SwarmPeer(String addr, String peer) {

    static SwarmPeer from(JsonObject o) {
        return new SwarmPeer(KuboJson.text(o, "Addr"), KuboJson.text(o, "Peer"));
    }
}

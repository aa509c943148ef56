package dev.comments.core.kubo;

import jakarta.json.JsonObject;
import java.util.List;

/** kubo's {@code id}: who this daemon is and the addresses it announces (ours appended). */
public record PeerIdentity(String id, String publicKey, List<String> addresses, String agentVersion,
                           List<String> protocols) {

    public PeerIdentity {
        addresses = List.copyOf(addresses);
        protocols = List.copyOf(protocols);
    }

    static PeerIdentity from(JsonObject o) {
        return new PeerIdentity(KuboJson.text(o, "ID"), KuboJson.text(o, "PublicKey"),
                KuboJson.texts(o, "Addresses"), KuboJson.text(o, "AgentVersion"), KuboJson.texts(o, "Protocols"));
    }
}

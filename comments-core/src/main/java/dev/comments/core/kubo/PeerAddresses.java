package dev.comments.core.kubo;

import jakarta.json.JsonObject;
import java.util.List;

/**
 * A peer and the multiaddrs it announces, as the DHT returns it from
 * {@code routing/findprovs} and {@code routing/findpeer}.
 */
public record PeerAddresses(String id, List<String> addrs) {

    public PeerAddresses {
        addrs = List.copyOf(addrs);
    }

    /**
     * The announced HTTP endpoints (docs/protocol.md §2): a server appends
     * {@code /ip4/<ip>/tcp/<port>/http} or {@code /dns4/<name>/tcp/443/tls/http}.
     */
    public List<String> httpAddresses() {
        return addrs.stream().filter(a -> a.endsWith("/http")).toList();
    }

    static PeerAddresses from(JsonObject o) {
        return new PeerAddresses(KuboJson.text(o, "ID"), KuboJson.texts(o, "Addrs"));
    }
}

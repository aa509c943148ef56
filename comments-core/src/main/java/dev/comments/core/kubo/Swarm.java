package dev.comments.core.kubo;

import java.util.List;

/** {@code ipfs swarm …}: the daemon's libp2p connections. */
public final class Swarm {

    private final KuboRpc rpc;

    Swarm(KuboRpc rpc) {
        this.rpc = rpc;
    }

    /**
     * Connects to a peer, {@code /ip4/…/tcp/…/p2p/<PeerID>}. Returns kubo's lines, such as
     * {@code connect <PeerID> success}; a failed dial is a {@link KuboException} with kubo's reason.
     */
    public List<String> connect(String multiaddr) {
        return rpc.json(Command.of("swarm/connect").arg(multiaddr), o -> KuboJson.texts(o, "Strings"));
    }

    /** The peers connected now, one entry per connection. */
    public List<SwarmPeer> peers() {
        return rpc.json(Command.of("swarm/peers"),
                o -> KuboJson.objects(o, "Peers").stream().map(SwarmPeer::from).toList());
    }
}

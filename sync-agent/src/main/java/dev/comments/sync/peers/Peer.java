package dev.comments.sync.peers;

import java.net.URI;

/**
 * A server to sync with: its HTTP API's base URL (the key of every table the agent
 * keeps) and where the agent learned it, a PeerID from the DHT or {@link #STATIC}.
 */
public record Peer(URI url, String source) {

    /** The source of a peer given in {@code sync.static.peers}. */
    public static final String STATIC = "static";

    @Override
    public String toString() {
        return url + " (" + source + ")";
    }
}

package dev.comments.sync.state;

import dev.comments.core.cid.Cid;
import dev.comments.core.network.UrlHash;
import java.util.Map;

/**
 * What the agent last took in full from one peer: the root CID it answered (only once
 * every folder under it was taken) and, per page, the folder CID whose every comment
 * was taken or refused. A CID names immutable content, so a folder seen once never
 * needs reading again; only a different CID does.
 */
public record PeerSeen(Cid root, Map<UrlHash, Cid> folders) {

    public static final PeerSeen NOTHING = new PeerSeen(null, Map.of());

    public PeerSeen {
        folders = Map.copyOf(folders);
    }

    public boolean sawRoot(Cid cid) {
        return root != null && root.equals(cid);
    }

    public boolean sawFolder(UrlHash page, Cid cid) {
        return cid.equals(folders.get(page));
    }
}

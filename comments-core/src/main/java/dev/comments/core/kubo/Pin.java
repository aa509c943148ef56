package dev.comments.core.kubo;

import dev.comments.core.cid.Cid;
import java.util.List;

/** {@code ipfs pin …}: what garbage collection must keep. */
public final class Pin {

    private final KuboRpc rpc;

    Pin(KuboRpc rpc) {
        this.rpc = rpc;
    }

    /** Pins the CID and everything it links to (fetching what is missing); returns the pinned roots. */
    public List<Cid> add(Cid cid) {
        return rpc.json(Command.of("pin/add").arg(cid.toString()).option("recursive", true),
                o -> KuboJson.texts(o, "Pins").stream().map(Cid::parse).toList());
    }

    /**
     * Moves a recursive pin from one CID to another, as {@code ipfs pin update}: kubo only
     * walks what differs between the two, so re-pinning a folder after one new entry
     * costs that entry, not the folder.
     */
    public void update(Cid from, Cid to) {
        rpc.run(Command.of("pin/update").arg(from.toString()).arg(to.toString()).option("unpin", true));
    }

    /** True when the CID is pinned recursively (its whole DAG is kept, and so present). */
    public boolean isPinnedRecursively(Cid cid) {
        try {
            return rpc.json(Command.of("pin/ls").arg(cid.toString()).option("type", "recursive"),
                    o -> o.getJsonObject("Keys") != null && o.getJsonObject("Keys").containsKey(cid.toString()));
        } catch (KuboException e) {
            if (e.kuboMessage() != null && e.kuboMessage().contains("is not pinned")) {
                return false;
            }
            throw e;
        }
    }

    /** Removes a recursive pin (the blocks stay until garbage collection). */
    public void rm(Cid cid) {
        rpc.run(Command.of("pin/rm").arg(cid.toString()).option("recursive", true));
    }
}

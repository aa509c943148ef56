package dev.comments.core.dag;

import dev.comments.core.cid.Cid;

/** A block: its bytes and the CID that names them. */
public record DagBlock(Cid cid, byte[] bytes) {

    /** A dag-pb node block, named by the sha2-256 of its bytes. */
    public static DagBlock dagPb(byte[] bytes) {
        return new DagBlock(Cid.ofDagPb(bytes), bytes);
    }
}

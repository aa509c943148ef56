package dev.comments.core.kubo;

import com.github.mizosoft.methanol.MultipartBodyPublisher;
import dev.comments.core.cid.Cid;

/**
 * {@code ipfs block …}: raw blocks by CID. A comment file and the network-id block are
 * each one raw block, so their CID is CIDv1(raw, sha2-256) of their bytes.
 */
public final class Block {

    private final KuboRpc rpc;

    Block(KuboRpc rpc) {
        this.rpc = rpc;
    }

    /** Stores the bytes as a raw sha2-256 block and pins it, so that GC keeps it and kubo may provide it. */
    public BlockStat put(byte[] bytes) {
        return put(bytes, true);
    }

    public BlockStat put(byte[] bytes, boolean pin) {
        MultipartBodyPublisher body = Multipart.file("block", bytes);
        return rpc.json(Command.of("block/put")
                .option("cid-codec", "raw")
                .option("mhtype", "sha2-256")
                .option("pin", pin)
                .body(body, body.mediaType().toString()), BlockStat::from);
    }

    /**
     * The block's bytes. kubo fetches a block it lacks from its peers, so for a block
     * nobody has this waits until the call's deadline.
     */
    public byte[] get(Cid cid) {
        return rpc.bytes(Command.of("block/get").arg(cid.toString()));
    }

    /**
     * Removes the block from the repository if nothing pins it; kubo refuses a pinned one, which
     * is then kept (an error here changes nothing). A block that is not there is no error.
     * Returns false when the block was kept because something pins it.
     */
    public boolean removeUnpinned(Cid cid) {
        boolean[] pinned = {false};
        rpc.stream(Command.of("block/rm").arg(cid.toString()).option("force", true).option("quiet", true), o -> {
            String error = KuboJson.text(o, "Error");
            if (error.contains("pinned")) {
                pinned[0] = true;
            } else if (!error.isEmpty()) {
                throw new KuboException("block/rm", 200, error);
            }
            return NdjsonSubscriber.Next.MORE;
        });
        return !pinned[0];
    }
}

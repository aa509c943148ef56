package dev.comments.core.dag;

import dev.comments.core.cid.Cid;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a UnixFS folder, flat or HAMT-sharded, block by block from any source of blocks
 * (a daemon's {@code block/get}): its entries by name, with their CIDs and sizes, without
 * fetching the entries themselves. Blocks come from daemons or peers: each is checked
 * against its CID, and anything that is not a folder of ours is an IllegalArgumentException.
 * Cost: one block per shard (a folder of n entries has about n/100 shards when sharded).
 */
public final class DagFolders {

    /** Shard links are named by their slot alone: two upper-case hex digits. */
    private static final int PREFIX = 2;

    private DagFolders() {
    }

    public static Map<String, DagLink> entries(Cid folder, Function<Cid, byte[]> blocks) {
        Map<String, DagLink> entries = new HashMap<>();
        read(folder, blocks, entries, true);
        return entries;
    }

    private static void read(Cid cid, Function<Cid, byte[]> blocks, Map<String, DagLink> into, boolean top) {
        if (cid.codec() != Cid.DAG_PB) {
            throw new IllegalArgumentException(cid + " is not a dag-pb folder node");
        }
        byte[] bytes = blocks.apply(cid);
        if (!Cid.ofDagPb(bytes).equals(cid)) {
            throw new IllegalArgumentException("block " + cid + " does not hash to its CID");
        }
        DagPb.Node node = DagPb.decode(bytes);
        UnixFsData.Kind kind = UnixFsData.decode(node.data());
        if (kind.isFlat() && top) {
            node.links().forEach(l -> into.put(l.name(), l));
        } else if (kind.isShard() && kind.fanout() == HamtShard.FANOUT && kind.hashType() == UnixFsData.MURMUR3_X64_64) {
            for (DagLink link : node.links()) {
                if (link.name().length() < PREFIX) {
                    throw new IllegalArgumentException("shard link without a slot: " + link.name());
                }
                if (link.name().length() == PREFIX) {
                    read(link.cid(), blocks, into, false);
                } else {
                    String name = link.name().substring(PREFIX);
                    into.put(name, new DagLink(link.cid(), name, link.tsize()));
                }
            }
        } else {
            throw new IllegalArgumentException(cid + " is not a folder or a shard of 256 (UnixFS type " + kind.type() + ")");
        }
    }
}

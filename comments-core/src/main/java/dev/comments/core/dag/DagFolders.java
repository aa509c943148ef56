package dev.comments.core.dag;

import dev.comments.core.cid.Cid;
import dev.comments.core.parallel.Parallel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads a UnixFS folder, flat or HAMT-sharded, block by block from any source of blocks
 * (a daemon's {@code block/get}): its entries by name, with their CIDs and sizes, without
 * fetching the entries themselves. Blocks come from daemons or peers: each is checked
 * against its CID, and anything that is not a folder as kubo writes one is an
 * IllegalArgumentException. Cost: one block per node (a sharded folder of n entries has
 * roughly n/100 to n/3 nodes, depending on how the hash spreads them).
 */
public final class DagFolders {

    /** Shard links are named by their slot alone: two upper-case hex digits. */
    private static final int PREFIX = 2;
    /** murmur3-x64-64 gives 8 bytes: no honest shard is deeper. */
    private static final int MAX_SHARD_DEPTH = 8;
    /** Blocks of one level held at once by a walk (each at most a 256-link shard, ~30 KB). */
    private static final int LEVEL_CHUNK = 256;

    private DagFolders() {
    }

    /** One node of a folder: the entries it holds (names without slot prefixes) and its child shards. */
    public record FolderNode(List<DagLink> entries, List<DagLink> shards) {
    }

    /**
     * Decodes one node of a folder and checks it against its CID. {@code top}: the folder's
     * own node, which may be flat; below it only HAMT shards of fanout 256 are accepted.
     */
    public static FolderNode node(Cid cid, byte[] bytes, boolean top) {
        if (cid.codec() != Cid.DAG_PB) {
            throw new IllegalArgumentException(cid + " is not a dag-pb folder node");
        }
        if (!Cid.ofDagPb(bytes).equals(cid)) {
            throw new IllegalArgumentException("block " + cid + " does not hash to its CID");
        }
        DagPb.Node node = DagPb.decode(bytes);
        UnixFsData.Kind kind = UnixFsData.decode(node.data());
        if (kind.isFlat() && top) {
            return new FolderNode(node.links(), List.of());
        }
        if (!kind.isShard() || kind.fanout() != HamtShard.FANOUT || kind.hashType() != UnixFsData.MURMUR3_X64_64) {
            throw new IllegalArgumentException(cid + " is not a folder or a shard of 256 (UnixFS type " + kind.type() + ")");
        }
        List<DagLink> entries = new ArrayList<>();
        List<DagLink> shards = new ArrayList<>();
        for (DagLink link : node.links()) {
            if (link.name().length() < PREFIX) {
                throw new IllegalArgumentException("shard link without a slot: " + link.name());
            }
            if (link.name().length() == PREFIX) {
                shards.add(link);
            } else {
                String name = link.name().substring(PREFIX);
                entries.add(new DagLink(link.cid(), name, link.tsize()));
            }
        }
        return new FolderNode(entries, shards);
    }

    /** Every entry of the folder, by name. */
    public static Map<String, DagLink> entries(Cid folder, Function<Cid, byte[]> blocks) {
        Map<String, DagLink> entries = new HashMap<>();
        walk(folder, blocks, e -> entries.put(e.name(), e), node -> { });
        return entries;
    }

    /** Visits every entry and the CID of every node (the folder's own and each shard's). */
    public static void walk(Cid folder, Function<Cid, byte[]> blocks, Consumer<DagLink> entries, Consumer<Cid> nodes) {
        walkNew(folder, blocks, c -> false, entries, nodes, 1);
    }

    /**
     * As {@link #walk(Cid, Function, Consumer, Consumer)}, but a shard for which {@code known}
     * is true is neither read nor descended into (a CID names its whole subtree, so a caller
     * that walked it before knows everything under it): a new version of a known tree costs
     * the nodes on its changed paths. Level by level, up to {@code parallel} blocks asked for
     * at once ({@code blocks} must then be safe to call from several threads): a walk of a
     * 100,000-page root is ~25,000 local blocks, 25 s one by one. Memory: the CIDs of the
     * next level, and at most {@link #LEVEL_CHUNK} blocks at a time.
     */
    public static void walkNew(Cid folder, Function<Cid, byte[]> blocks, Predicate<Cid> known,
            Consumer<DagLink> entries, Consumer<Cid> nodes, int parallel) {
        List<Cid> level = List.of(folder);
        for (int depth = 0; !level.isEmpty(); depth++) {
            if (depth > MAX_SHARD_DEPTH) {
                throw new IllegalArgumentException("shards nested deeper than a 64-bit hash allows");
            }
            List<Cid> next = new ArrayList<>();
            for (int from = 0; from < level.size(); from += LEVEL_CHUNK) {
                List<Cid> chunk = level.subList(from, Math.min(level.size(), from + LEVEL_CHUNK));
                List<byte[]> read = Parallel.mapUnchecked(chunk, parallel, blocks);
                for (int i = 0; i < chunk.size(); i++) {
                    FolderNode node = node(chunk.get(i), read.get(i), depth == 0);
                    nodes.accept(chunk.get(i));
                    node.entries().forEach(entries);
                    for (DagLink shard : node.shards()) {
                        if (!known.test(shard.cid())) {
                            next.add(shard.cid());
                        }
                    }
                }
            }
            level = next;
        }
    }

    /**
     * The nodes from the folder's own down to the one that holds {@code name}, found by the
     * name's hash as boxo looks an entry up: one block per level. Empty when the folder has no
     * such entry.
     */
    public static List<Cid> pathTo(Cid folder, Function<Cid, byte[]> blocks, String name) {
        byte[] hash = HamtShard.hash(name);
        List<Cid> path = new ArrayList<>();
        Cid cid = folder;
        for (int depth = 0; depth < hash.length; depth++) {
            FolderNode node = node(cid, blocks.apply(cid), depth == 0);
            path.add(cid);
            if (node.entries().stream().anyMatch(e -> e.name().equals(name))) {
                return path;
            }
            String slot = HamtShard.prefix(hash[depth] & 0xFF);
            DagLink shard = node.shards().stream().filter(s -> s.name().equals(slot)).findFirst().orElse(null);
            if (shard == null) {
                return List.of();
            }
            cid = shard.cid();
        }
        return List.of();
    }

    /** How deep a shard may be nested below its folder's own node. */
    public static int maxShardDepth() {
        return MAX_SHARD_DEPTH;
    }
}

package dev.comments.core.dag;

import dev.comments.core.cid.Cid;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A UnixFS directory that changes entry by entry and re-encodes only what a change
 * touched: flat (one dag-pb node, links sorted by name) while small, a {@link HamtShard}
 * tree once kubo would shard it.
 *
 * <p>When kubo shards (boxo {@code ipld/unixfs/io/directory.go}): when the directory's size
 * estimate exceeds {@code Import.UnixFSHAMTDirectorySizeThreshold} (256 KiB), strictly. Our
 * daemons are initialised with kubo's {@code unixfs-v1-2025} profile, whose estimate is
 * {@link SizeEstimation#BLOCK} (the exact size of the flat node); kubo without that profile
 * uses {@link SizeEstimation#LINKS}. Either way the shape is a function of the entries
 * alone: flat exactly when the estimate is within the threshold, which is what
 * {@code ipfs add -r} arrives at, since it only ever adds.
 *
 * <p>Cost: a put is O(depth); an encode re-encodes the changed shards (≤ 256 links each),
 * or when flat the one node (≤ 256 KiB by construction). Memory: one small record per entry.
 */
public final class UnixFsFolder {

    public static final long SHARDING_THRESHOLD = 256 * 1024;

    /** How kubo estimates a directory's size to decide when to shard it. */
    public enum SizeEstimation {
        /** Exact serialized size of the flat node ({@code unixfs-v1-2025}, what our daemons use). */
        BLOCK,
        /** Sum of name bytes and binary CID bytes (kubo's default without a profile). */
        LINKS
    }

    private final SizeEstimation estimation;
    private Map<String, DagLink> flat = new HashMap<>();
    private HamtShard hamt;
    private long estimatedSize;
    private int size;
    private DagBlock flatBlock;
    private long flatTsize;

    /** A folder sharded as our daemons shard ({@link SizeEstimation#BLOCK}). */
    public UnixFsFolder() {
        this(SizeEstimation.BLOCK);
    }

    public UnixFsFolder(SizeEstimation estimation) {
        this.estimation = estimation;
        // the flat node's Data field: tag, length, Type=Directory
        this.estimatedSize = estimation == SizeEstimation.BLOCK ? 4 : 0;
    }

    /** Adds or replaces the entry {@code name}. */
    public void put(String name, Cid cid, long tsize) {
        DagLink link = new DagLink(cid, name, tsize);
        DagLink old = hamt != null ? hamt.put(link) : flat.put(name, link);
        estimatedSize += estimate(link) - (old == null ? 0 : estimate(old));
        if (old == null) {
            size++;
        }
        flatBlock = null;
        boolean fitsFlat = estimatedSize <= SHARDING_THRESHOLD;
        if (hamt == null && !fitsFlat) {
            hamt = new HamtShard(0);
            flat.values().forEach(hamt::put);
            flat = null;
        } else if (hamt != null && fitsFlat) {
            flat = new HashMap<>();
            hamt.entries(e -> flat.put(e.name(), e));
            hamt = null;
        }
    }

    /** The entry {@code name}, or null. */
    public DagLink get(String name) {
        return hamt != null ? hamt.get(name) : flat.get(name);
    }

    /** Every entry, in no particular order. */
    public void entries(Consumer<DagLink> out) {
        if (hamt != null) {
            hamt.entries(out);
        } else {
            flat.values().forEach(out);
        }
    }

    /** How many entries the folder holds. */
    public int size() {
        return size;
    }

    public boolean isSharded() {
        return hamt != null;
    }

    /** The folder's root block; every block encoded since the last call is handed to {@code fresh}. */
    public DagBlock encode(Consumer<DagBlock> fresh) {
        if (hamt != null) {
            return hamt.encode(fresh);
        }
        if (flatBlock == null) {
            List<DagLink> links = new ArrayList<>(flat.values());
            links.sort((a, b) -> Arrays.compareUnsigned(utf8(a.name()), utf8(b.name())));
            byte[] bytes = DagPb.encode(links, UnixFsData.flatDirectory());
            flatBlock = DagBlock.dagPb(bytes);
            flatTsize = bytes.length + links.stream().mapToLong(DagLink::tsize).sum();
            fresh.accept(flatBlock);
        }
        return flatBlock;
    }

    /** The link a parent folder holds to this one under {@code name}. */
    public DagLink linkAs(String name) {
        DagBlock root = encode(b -> { });
        return new DagLink(root.cid(), name, hamt != null ? hamt.tsize() : flatTsize);
    }

    /** Every block of the folder, as a daemon that has none of them needs them. */
    public void allBlocks(Consumer<DagBlock> out) {
        if (hamt != null) {
            hamt.allBlocks(out);
        } else {
            out.accept(encode(b -> { }));
        }
    }

    /** The folder of these entries, built at once and sharded as our daemons shard. */
    public static UnixFsFolder of(Iterable<DagLink> entries) {
        return of(entries, SizeEstimation.BLOCK);
    }

    public static UnixFsFolder of(Iterable<DagLink> entries, SizeEstimation estimation) {
        UnixFsFolder folder = new UnixFsFolder(estimation);
        for (DagLink e : entries) {
            folder.put(e.name(), e.cid(), e.tsize());
        }
        return folder;
    }

    private long estimate(DagLink link) {
        int name = utf8(link.name()).length;
        int cid = link.cid().binary().length;
        if (estimation == SizeEstimation.LINKS) {
            return name + cid;
        }
        // boxo's linkSerializedSize: the PBLink message and its wrapper in PBNode.Links
        int inner = 1 + varintLength(cid) + cid + 1 + varintLength(name) + name + 1 + varintLength(link.tsize());
        return 1 + varintLength(inner) + inner;
    }

    private static int varintLength(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package dev.comments.core.dag;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * One shard of a UnixFS HAMT directory, as boxo's {@code hamt.Shard} lays it out: 256
 * slots chosen by successive bytes of the murmur3-x64-64 hash of an entry's name; a slot
 * holds one entry, or a child shard when two or more entries share the slot. Links are
 * named by the slot in two upper-case hex digits, followed by the entry's name for an
 * entry. The layout depends only on the set of entries, never on the order they came in.
 *
 * <p>Mutable so that a change re-encodes only the shards on its path: cost per put is the
 * depth (log256 of the entries) plus encoding those shards (at most 256 links each).
 * Entries are only added or replaced here; removal is a rebuild (the store never deletes).
 */
final class HamtShard {

    static final int FANOUT = 256;
    /** murmur3-x64-64 gives 8 bytes, one per level. */
    private static final int MAX_DEPTH = 8;

    private record Entry(DagLink link, byte[] hash) {
    }

    private final int depth;
    private final Object[] slots = new Object[FANOUT];
    private DagBlock block;
    private long tsize;

    HamtShard(int depth) {
        if (depth >= MAX_DEPTH) {
            throw new IllegalStateException("HAMT deeper than its 64-bit hash: 2^64 names share a prefix");
        }
        this.depth = depth;
    }

    /** Adds or replaces the entry named {@code link.name()}; returns the entry it replaced, or null. */
    DagLink put(DagLink link) {
        return put(new Entry(link, hash(link.name())));
    }

    private DagLink put(Entry entry) {
        block = null;
        int slot = entry.hash()[depth] & 0xFF;
        Object held = slots[slot];
        if (held == null) {
            slots[slot] = entry;
            return null;
        }
        if (held instanceof Entry old) {
            if (old.link().name().equals(entry.link().name())) {
                slots[slot] = entry;
                return old.link();
            }
            HamtShard child = new HamtShard(depth + 1);
            child.put(old);
            child.put(entry);
            slots[slot] = child;
            return null;
        }
        return ((HamtShard) held).put(entry);
    }

    /** The entry named {@code name}, or null. */
    DagLink get(String name) {
        byte[] hash = hash(name);
        HamtShard shard = this;
        while (true) {
            Object held = shard.slots[hash[shard.depth] & 0xFF];
            if (held instanceof HamtShard child) {
                shard = child;
            } else {
                return held instanceof Entry e && e.link().name().equals(name) ? e.link() : null;
            }
        }
    }

    /** Every entry under this shard. */
    void entries(Consumer<DagLink> out) {
        for (Object held : slots) {
            if (held instanceof Entry entry) {
                out.accept(entry.link());
            } else if (held instanceof HamtShard child) {
                child.entries(out);
            }
        }
    }

    /** The encoded shard; shards changed since their last encoding are encoded and handed to {@code fresh}. */
    DagBlock encode(Consumer<DagBlock> fresh) {
        if (block != null) {
            return block;
        }
        List<DagLink> links = new ArrayList<>();
        byte[] bitfield = new byte[FANOUT / 8];
        long childSizes = 0;
        for (int slot = 0; slot < FANOUT; slot++) {
            Object held = slots[slot];
            if (held == null) {
                continue;
            }
            // go-bitfield: bit i lives in byte (len-1-i/8), bit i%8 -- a big-endian number
            bitfield[bitfield.length - 1 - slot / 8] |= (byte) (1 << (slot % 8));
            DagLink link;
            if (held instanceof Entry entry) {
                link = new DagLink(entry.link().cid(), prefix(slot) + entry.link().name(), entry.link().tsize());
            } else {
                HamtShard child = (HamtShard) held;
                DagBlock childBlock = child.encode(fresh);
                link = new DagLink(childBlock.cid(), prefix(slot), child.tsize);
            }
            childSizes += link.tsize();
            links.add(link);
        }
        byte[] bytes = DagPb.encode(links, UnixFsData.hamtShard(withoutLeadingZeros(bitfield), FANOUT));
        block = DagBlock.dagPb(bytes);
        tsize = bytes.length + childSizes;
        fresh.accept(block);
        return block;
    }

    long tsize() {
        return tsize;
    }

    /** Every block of this shard and the shards below it, encoded or not. */
    void allBlocks(Consumer<DagBlock> out) {
        for (Object held : slots) {
            if (held instanceof HamtShard child) {
                child.allBlocks(out);
            }
        }
        out.accept(encode(b -> { }));
    }

    static String prefix(int slot) {
        return String.format(Locale.ROOT, "%02X", slot);
    }

    /** boxo's hash of a name: murmur3 x64 128 with seed 0, first 64 bits, big-endian. */
    static byte[] hash(String name) {
        long h1 = MurmurHash3.hash128x64(name.getBytes(StandardCharsets.UTF_8))[0];
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (h1 >>> (56 - 8 * i));
        }
        return out;
    }

    /** go-bitfield's Bytes(): the big-endian bitfield without its leading zero bytes. */
    private static byte[] withoutLeadingZeros(byte[] bitfield) {
        int first = 0;
        while (first < bitfield.length && bitfield[first] == 0) {
            first++;
        }
        return java.util.Arrays.copyOfRange(bitfield, first, bitfield.length);
    }
}

package dev.comments.sync.pull;

import dev.comments.core.cid.Cid;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Blocks a walk will read next, fetched through our daemon {@link #WIDTH} at a time instead
 * of one after another: a block that is not local costs a Bitswap round trip, so a walk of
 * 20,000 new pages would otherwise wait 40,000 round trips in a row. What failed is simply
 * absent: the walk reads it again itself, counting the failure against the peer as usual.
 * Memory: at most one window of blocks (each at most a folder node or a 16 KiB comment).
 */
final class Prefetch {

    /** Requests in flight at once; kubo's own fetches (pin, dag export) use 32 too. */
    static final int WIDTH = 32;

    private final Map<Cid, byte[]> blocks = new ConcurrentHashMap<>();

    /** Fetches these blocks concurrently; returns when all have answered or failed. */
    void fetch(Collection<Cid> cids, Function<Cid, byte[]> read) {
        if (cids.size() < 2) {
            return; // nothing to overlap
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(WIDTH, cids.size()),
                Thread.ofVirtual().name("prefetch-", 0).factory())) {
            for (Cid cid : cids) {
                pool.execute(() -> {
                    try {
                        blocks.put(cid, read.apply(cid));
                    } catch (RuntimeException failed) {
                        // left for the walk to read, and to count, itself
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.HOURS); // each read has its own deadline
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drops what the walk did not take (another peer's walk claimed it, or the budget ran out). */
    void clear() {
        blocks.clear();
    }

    /** The prefetched bytes of a block, handed out once; null when it was not prefetched. */
    byte[] take(Cid cid) {
        return blocks.remove(cid);
    }
}

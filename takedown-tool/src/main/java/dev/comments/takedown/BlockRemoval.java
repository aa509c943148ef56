package dev.comments.takedown;

import dev.comments.core.cid.Cid;
import dev.comments.core.kubo.KuboClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes blocks from the daemon as soon as nothing pins them. The server's pin leaves a
 * withheld comment when it publishes the page without it (its daemon watch looks every two
 * seconds), so this asks again every {@link #POLL} until {@link #WAIT}.
 */
final class BlockRemoval {

    static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(500);

    private final KuboClient kubo;

    BlockRemoval(KuboClient kubo) {
        this.kubo = kubo;
    }

    /** Returns the blocks still pinned when the wait ended. */
    List<Cid> remove(List<Cid> blocks, Duration wait) {
        List<Cid> left = new ArrayList<>(blocks);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            left.removeIf(kubo.block::removeUnpinned);
            if (left.isEmpty() || System.nanoTime() > deadline) {
                return left;
            }
            try {
                Thread.sleep(POLL); // a poll of another process's progress, not a test's wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return left;
            }
        }
    }
}

package dev.comments.sync.agent;

import dev.comments.core.log.EventLog;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs a round every sync interval plus a random 0–10 % (so servers started together do
 * not all ask each other at the same instant), one at a time. A round that a peer's block
 * budget cut short while it still brought new comments is followed after
 * {@link #CATCH_UP_PAUSE} instead: a server catching up on a peer (a new server, one back
 * from an outage) goes at the pace of its fetches, not of the interval, while each round
 * stays within its budget. A round that throws (a bug) is logged and the next one still
 * comes. Start/stop as js-libp2p's Startable.
 */
public final class SyncLoop implements AutoCloseable {

    /** The jitter added to each wait, as a fraction of the interval. */
    static final double JITTER = 0.10;
    /**
     * The wait after a round cut short that brought comments (never longer than the interval):
     * a breath for the disk and the peer, no more. The next round needs nothing of the last
     * one published (every node it finished is remembered); at 2,000 blocks a round, a pause of
     * 1 s was a sixth of the time a server took to catch up on 20,000 pages.
     */
    static final Duration CATCH_UP_PAUSE = Duration.ofMillis(200);

    private final SyncAgent agent;
    private final Duration interval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sync-loop").factory());
    private volatile boolean stopped;

    public SyncLoop(SyncAgent agent, Duration interval) {
        this.agent = agent;
        this.interval = interval;
    }

    public void start() {
        scheduler.execute(this::tick);
    }

    private void tick() {
        boolean catchingUp = false;
        try {
            catchingUp = agent.runRound().cutShortWithProgress();
        } catch (RuntimeException e) {
            EventLog.event("error", "round-failed", "error", e, "action", "the next round runs as usual");
        } finally {
            if (!stopped) {
                scheduler.schedule(this::tick, nextWaitMillis(interval, catchingUp), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Milliseconds until the next round. */
    public static long nextWaitMillis(Duration interval, boolean catchingUp) {
        if (catchingUp) {
            return Math.min(CATCH_UP_PAUSE.toMillis(), interval.toMillis());
        }
        return interval.toMillis() + (long) (interval.toMillis() * JITTER * ThreadLocalRandom.current().nextDouble());
    }

    /** Stops after the round in progress, if any (every call in it has a deadline). */
    @Override
    public void close() {
        stopped = true;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

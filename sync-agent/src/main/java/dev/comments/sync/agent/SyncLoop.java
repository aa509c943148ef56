package dev.comments.sync.agent;

import dev.comments.core.log.EventLog;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs a round every sync interval plus a random 0–10 % (so servers started together do
 * not all ask each other at the same instant), one at a time. A round that throws
 * (a bug) is logged and the next one still comes. Start/stop as js-libp2p's Startable.
 */
public final class SyncLoop implements AutoCloseable {

    /** The jitter added to each wait, as a fraction of the interval. */
    static final double JITTER = 0.10;

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
        try {
            agent.runRound();
        } catch (RuntimeException e) {
            EventLog.error("event=round-failed error=" + EventLog.quote(e) + " action=\"the next round runs as usual\"");
        } finally {
            if (!stopped) {
                long jitter = (long) (interval.toMillis() * JITTER * ThreadLocalRandom.current().nextDouble());
                scheduler.schedule(this::tick, interval.toMillis() + jitter, TimeUnit.MILLISECONDS);
            }
        }
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

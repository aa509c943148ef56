package dev.comments.sync.agent;

import dev.comments.core.lifecycle.Lifecycle;
import dev.comments.core.lifecycle.LifecycleGate;
import dev.comments.core.log.EventLog;
import dev.comments.sync.round.RoundReport;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a round every sync interval plus a random 0–10 % (so servers started together do
 * not all ask each other at the same instant), one at a time. A round that a peer's block
 * budget cut short while it still brought new comments is followed after
 * {@link #CATCH_UP_PAUSE} instead: a server catching up on a peer (a new server, one back
 * from an outage) goes at the pace of its fetches, not of the interval, while each round
 * stays within its budget. A round that throws (a bug) is logged and the next one still
 * comes. Started and stopped as every long-running part ({@link Lifecycle}); its
 * {@link SyncAgent} owns it.
 */
public final class SyncLoop implements Lifecycle {

    /** The jitter added to each wait, as a fraction of the interval. */
    static final double JITTER = 0.10;
    /**
     * The wait after a round cut short that brought comments (never longer than the interval):
     * a breath for the disk and the peer, no more. The next round needs nothing of the last
     * one published (every node it finished is remembered); at 2,000 blocks a round, a pause of
     * 1 s was a sixth of the time a server took to catch up on 20,000 pages.
     */
    static final Duration CATCH_UP_PAUSE = Duration.ofMillis(200);
    /** How long a stop waits for the round in progress: every call in a round has a shorter deadline. */
    static final Duration GRACE = Duration.ofMinutes(1);

    private final Supplier<RoundReport> rounds;
    private final Duration interval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sync-loop").factory());
    private final LifecycleGate gate = new LifecycleGate("a sync loop");

    /** {@code rounds} runs one round, with its log line and heartbeat ({@link SyncAgent#runRound()}). */
    SyncLoop(Supplier<RoundReport> rounds, Duration interval) {
        this.rounds = rounds;
        this.interval = interval;
    }

    /** The first round at once, on the loop's thread. */
    @Override
    public void start() {
        gate.start(() -> scheduler.execute(this::tick));
    }

    private void tick() {
        boolean catchingUp = false;
        try {
            catchingUp = rounds.get().cutShortWithProgress();
        } catch (RuntimeException e) {
            EventLog.event("error", "round-failed", "error", e, "action", "the next round runs as usual");
        } finally {
            scheduleNext(catchingUp);
        }
    }

    private void scheduleNext(boolean catchingUp) {
        if (gate.stopping()) {
            return;
        }
        try {
            scheduler.schedule(this::tick, nextWaitMillis(interval, catchingUp), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopped since the check above: no next round, as asked
        }
    }

    /** Milliseconds until the next round. */
    public static long nextWaitMillis(Duration interval, boolean catchingUp) {
        if (catchingUp) {
            return Math.min(CATCH_UP_PAUSE.toMillis(), interval.toMillis());
        }
        return interval.toMillis() + (long) (interval.toMillis() * JITTER * ThreadLocalRandom.current().nextDouble());
    }

    /** Stops after the round in progress, if any (every call in it has a deadline), waiting at most {@link #GRACE}. */
    @Override
    public void stop() {
        gate.stop(this::shutDown);
    }

    private void shutDown() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the loop's thread is done (for tests: it is once {@link #stop()} returned within the grace). */
    boolean terminated() {
        return scheduler.isTerminated();
    }
}

package dev.comments.core.lifecycle;

import java.util.concurrent.CountDownLatch;

/**
 * The once-only rules of {@link Lifecycle}, kept for a part: its start runs once and never
 * after a stop; its stop runs once, and later callers wait until it has finished.
 *
 * <p>Start and the stop's first step share a lock, so a stop that races a start either
 * finds the work begun (and ends it) or keeps it from beginning: nothing is left running.
 */
public final class LifecycleGate {

    private final String part;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean started;
    private boolean stopCalled;

    /** {@code part} names the part in the message of a second start. */
    public LifecycleGate(String part) {
        this.part = part;
    }

    /** Runs {@code begin} on the first call unless stopped; a second call throws. */
    public synchronized void start(Runnable begin) {
        if (started) {
            throw new IllegalStateException(part + " starts once");
        }
        started = true;
        if (!stopCalled) {
            begin.run();
        }
    }

    /**
     * Runs {@code end} on the first call, whether or not the part started (so it must cope
     * with work never begun); later calls return once it has run.
     */
    public void stop(Runnable end) {
        if (!claimStop()) {
            awaitStopped();
            return;
        }
        try {
            end.run();
        } finally {
            stopped.countDown();
        }
    }

    private synchronized boolean claimStop() {
        if (stopCalled) {
            return false;
        }
        stopCalled = true;
        return true;
    }

    /** Whether a stop was asked: the part's threads look at it between steps of their work. */
    public synchronized boolean stopping() {
        return stopCalled;
    }

    /** Returns once the first {@link #stop} has finished. */
    public void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

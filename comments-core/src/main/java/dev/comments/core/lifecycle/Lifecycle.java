package dev.comments.core.lifecycle;

/**
 * How every long-running part is started and stopped: the watcher's supervisor, the sync
 * agent and its loop of rounds, the server's background work (the daemon watch, the
 * announcer, the publisher's pin mover and rebuild, the answer pool, the group commit).
 * One contract, so that whoever owns a part (a main method, a signal handler, the server's
 * one start/stop place, a test) starts and stops each of them the same way (ADR 003).
 *
 * <ul>
 * <li>{@link #start()} prepares, begins the work on the part's own thread(s) and returns. It
 *     is called once: a second call throws {@link IllegalStateException}. Called after
 *     {@link #stop()}, it returns without beginning anything: a stopped part does not start
 *     again.</li>
 * <li>{@link #stop()} ends the work: orderly within the part's own grace period (its
 *     configuration or its documentation says how long), then forced. It returns once the
 *     part's threads are done. It may be called from any thread (a signal handler, a
 *     shutdown hook), before or after {@link #start()}, any number of times: later calls
 *     wait for the first and change nothing.</li>
 * </ul>
 *
 * <p>{@link LifecycleGate} keeps the once-only bookkeeping, so that a part writes only what
 * its start and stop do.
 */
public interface Lifecycle {

    void start();

    void stop();
}

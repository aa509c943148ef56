package dev.comments.watcher.lifecycle;

/**
 * How a long-running part of a server is started and stopped; the watcher's
 * {@link dev.comments.watcher.supervise.Supervisor} is one, and ADR 003 asks the other
 * long-running parts (the sync agent's rounds, the server's background work) to keep the
 * same contract, so that whoever owns a part (a main method, a signal handler, a test)
 * starts and stops every one of them the same way.
 *
 * <ul>
 * <li>{@link #start()} prepares, begins the work on the part's own thread(s) and returns; it
 *     is called once.</li>
 * <li>{@link #stop()} ends the work: orderly within the part's own grace period (its
 *     configuration says how long), then forced. It returns once the work has ended. It may
 *     be called from any thread (a signal handler, a shutdown hook), before or after
 *     {@link #start()}, any number of times: later calls wait for the first. After it, the
 *     part does not start again.</li>
 * </ul>
 */
public interface Lifecycle {

    void start();

    void stop();
}

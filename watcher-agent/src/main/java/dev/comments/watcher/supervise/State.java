package dev.comments.watcher.supervise;

/**
 * Where a child is. Only {@link Transitions} moves a child from one state to another; the
 * table of moves is there and in docs/adr/003-watcher.md.
 */
public enum State {
    /** Not started yet, or stopped with the watcher. */
    STOPPED,
    /** Its process runs; not ready yet (no child after it starts). */
    STARTING,
    /** Its process runs and is ready: the next child may start. */
    RUNNING,
    /** Its process is gone; it starts again once its backoff has passed. */
    BACKOFF,
    /** Restarted too often within the window; tried again after the slow retry. */
    FAILED,
    /**
     * It exited with {@link Event#PERMANENT_FAILURE_EXIT} (125, as s6-supervise reads it): a
     * restart would fail the same way, so it is never started again by this watcher. Terminal.
     */
    GAVE_UP
}

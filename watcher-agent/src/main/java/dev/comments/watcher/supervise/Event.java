package dev.comments.watcher.supervise;

import java.util.Optional;

/**
 * What can happen to a child: each is an observation of one tick ({@link Child}) or the
 * outcome of an action ({@link Action}). What an event does in each state is decided only
 * by {@link Transitions}.
 */
public enum Event {
    /** Its backoff or retry has passed and every child before it is ready. */
    START_DUE,
    /** Its process could not be started (no such command, a pid file that cannot be written). */
    LAUNCH_FAILED,
    /** Its readiness probe answered ready. */
    READY,
    /** It was not ready within its {@code readyTimeout}. */
    NOT_READY_IN_TIME,
    /** Its process ended on its own, with any code but 125, or by a signal. */
    EXITED,
    /** Its process exited with {@link #PERMANENT_FAILURE_EXIT}: it asks not to be restarted. */
    PERMANENT_FAILURE,
    /** Its liveness probe failed {@code failures} times in a row. */
    HUNG,
    /** Its process tree stayed over its memory limit for {@code memoryChecks} checks. */
    MEMORY_OVER,
    /** Its scheduled restart ({@code restartEvery}) is due. */
    RESTART_DUE,
    /** More restarts than the intensity allows within the window. */
    TOO_MANY_RESTARTS,
    /** The watcher is stopping. */
    STOP_REQUESTED;

    /**
     * The exit code with which a child says "do not restart me": a restart would fail the same
     * way (a configuration it refuses, a data folder of another version). s6-supervise gives
     * 125 this meaning; like there, a signal never means it.
     */
    public static final int PERMANENT_FAILURE_EXIT = 125;

    /** The event of a process that has ended; {@code code} is empty when it is unknown. */
    static Event exit(Optional<Integer> code) {
        return code.isPresent() && code.get() == PERMANENT_FAILURE_EXIT ? PERMANENT_FAILURE : EXITED;
    }
}

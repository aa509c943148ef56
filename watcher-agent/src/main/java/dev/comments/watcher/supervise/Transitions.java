package dev.comments.watcher.supervise;

import static dev.comments.watcher.supervise.Action.ANNOUNCE_READY;
import static dev.comments.watcher.supervise.Action.BACK_OFF;
import static dev.comments.watcher.supervise.Action.GIVE_UP;
import static dev.comments.watcher.supervise.Action.KILL_AND_BACK_OFF;
import static dev.comments.watcher.supervise.Action.LAUNCH;
import static dev.comments.watcher.supervise.Action.NOTHING;
import static dev.comments.watcher.supervise.Action.RETRY_LATER;
import static dev.comments.watcher.supervise.Action.STOP;
import static dev.comments.watcher.supervise.Action.STOP_AND_BACK_OFF;
import static dev.comments.watcher.supervise.Action.STOP_AND_RESTART;
import static dev.comments.watcher.supervise.Event.EXITED;
import static dev.comments.watcher.supervise.Event.HUNG;
import static dev.comments.watcher.supervise.Event.LAUNCH_FAILED;
import static dev.comments.watcher.supervise.Event.MEMORY_OVER;
import static dev.comments.watcher.supervise.Event.NOT_READY_IN_TIME;
import static dev.comments.watcher.supervise.Event.PERMANENT_FAILURE;
import static dev.comments.watcher.supervise.Event.READY;
import static dev.comments.watcher.supervise.Event.RESTART_DUE;
import static dev.comments.watcher.supervise.Event.START_DUE;
import static dev.comments.watcher.supervise.Event.STOP_REQUESTED;
import static dev.comments.watcher.supervise.Event.TOO_MANY_RESTARTS;
import static dev.comments.watcher.supervise.State.BACKOFF;
import static dev.comments.watcher.supervise.State.FAILED;
import static dev.comments.watcher.supervise.State.GAVE_UP;
import static dev.comments.watcher.supervise.State.RUNNING;
import static dev.comments.watcher.supervise.State.STARTING;
import static dev.comments.watcher.supervise.State.STOPPED;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The watcher's state machine, in one table: for a child in a state, what an event makes of
 * it and what is done. The rows are those of docs/adr/003-watcher.md, in the same order. A
 * pair without a row is refused ({@link #next} is empty) and the child stays where it is; in
 * particular nothing leaves GAVE_UP.
 */
final class Transitions {

    /** The state a transition leads to, and what is done on the way. */
    record Step(State next, Action action) {
    }

    private static final Map<State, Map<Event, Step>> TABLE = new EnumMap<>(State.class);

    static {
        row(STOPPED, START_DUE, STARTING, LAUNCH);
        row(STOPPED, STOP_REQUESTED, STOPPED, NOTHING);

        row(STARTING, LAUNCH_FAILED, BACKOFF, BACK_OFF);
        row(STARTING, READY, RUNNING, ANNOUNCE_READY);
        row(STARTING, NOT_READY_IN_TIME, BACKOFF, KILL_AND_BACK_OFF);
        row(STARTING, EXITED, BACKOFF, BACK_OFF);
        row(STARTING, PERMANENT_FAILURE, GAVE_UP, GIVE_UP);
        row(STARTING, STOP_REQUESTED, STOPPED, STOP);

        row(RUNNING, EXITED, BACKOFF, BACK_OFF);
        row(RUNNING, PERMANENT_FAILURE, GAVE_UP, GIVE_UP);
        row(RUNNING, HUNG, BACKOFF, KILL_AND_BACK_OFF);
        row(RUNNING, MEMORY_OVER, BACKOFF, STOP_AND_BACK_OFF);
        row(RUNNING, RESTART_DUE, BACKOFF, STOP_AND_RESTART);
        row(RUNNING, STOP_REQUESTED, STOPPED, STOP);

        row(BACKOFF, START_DUE, STARTING, LAUNCH);
        row(BACKOFF, TOO_MANY_RESTARTS, FAILED, RETRY_LATER);
        row(BACKOFF, STOP_REQUESTED, STOPPED, NOTHING);

        row(FAILED, START_DUE, STARTING, LAUNCH);
        row(FAILED, STOP_REQUESTED, STOPPED, NOTHING);

        // Terminal: stays GAVE_UP even when the watcher stops, so the last status says why.
        row(GAVE_UP, STOP_REQUESTED, GAVE_UP, NOTHING);
    }

    private Transitions() {
    }

    /** The step for {@code event} in state {@code from}; empty when the table has no such row. */
    static Optional<Step> next(State from, Event event) {
        return Optional.ofNullable(TABLE.getOrDefault(from, Map.of()).get(event));
    }

    private static void row(State from, Event event, State to, Action action) {
        Step previous = TABLE.computeIfAbsent(from, s -> new EnumMap<>(Event.class)).put(event, new Step(to, action));
        if (previous != null) {
            throw new IllegalStateException("two rows for " + from + " and " + event);
        }
    }
}

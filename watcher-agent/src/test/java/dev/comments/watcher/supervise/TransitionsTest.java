package dev.comments.watcher.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The table against its specification, written out here once more as ADR 003 has it: every
 * pair of state and event either has exactly this step or none at all.
 */
class TransitionsTest {

    /** ADR 003's table, row by row: "STATE EVENT -> STATE ACTION". */
    private static final String ADR_TABLE = """
            STOPPED  START_DUE         -> STARTING LAUNCH
            STOPPED  STOP_REQUESTED    -> STOPPED  NOTHING
            STARTING LAUNCH_FAILED     -> BACKOFF  BACK_OFF
            STARTING READY             -> RUNNING  ANNOUNCE_READY
            STARTING NOT_READY_IN_TIME -> BACKOFF  KILL_AND_BACK_OFF
            STARTING EXITED            -> BACKOFF  BACK_OFF
            STARTING PERMANENT_FAILURE -> GAVE_UP  GIVE_UP
            STARTING STOP_REQUESTED    -> STOPPED  STOP
            RUNNING  EXITED            -> BACKOFF  BACK_OFF
            RUNNING  PERMANENT_FAILURE -> GAVE_UP  GIVE_UP
            RUNNING  HUNG              -> BACKOFF  KILL_AND_BACK_OFF
            RUNNING  MEMORY_OVER       -> BACKOFF  STOP_AND_BACK_OFF
            RUNNING  RESTART_DUE       -> BACKOFF  STOP_AND_RESTART
            RUNNING  STOP_REQUESTED    -> STOPPED  STOP
            BACKOFF  START_DUE         -> STARTING LAUNCH
            BACKOFF  TOO_MANY_RESTARTS -> FAILED   RETRY_LATER
            BACKOFF  STOP_REQUESTED    -> STOPPED  NOTHING
            FAILED   START_DUE         -> STARTING LAUNCH
            FAILED   STOP_REQUESTED    -> STOPPED  NOTHING
            GAVE_UP  STOP_REQUESTED    -> GAVE_UP  NOTHING
            """;

    @Test
    void everyPairHasTheStepOfTheAdrOrNone() {
        Map<String, Transitions.Step> expected = expected();
        int legal = 0;
        for (State from : State.values()) {
            for (Event event : Event.values()) {
                Optional<Transitions.Step> step = Transitions.next(from, event);
                assertEquals(Optional.ofNullable(expected.get(from + " " + event)), step, from + " " + event);
                legal += step.isPresent() ? 1 : 0;
            }
        }
        assertEquals(expected.size(), legal, "no row beyond the ADR's");
    }

    @Test
    void gaveUpIsTerminalAndNoEventButTheWatchersStopLeavesAStateWithAProcess() {
        for (Event event : Event.values()) {
            Transitions.next(State.GAVE_UP, event).ifPresent(step -> assertEquals(State.GAVE_UP, step.next(), event.name()));
        }
        for (State from : EnumSet.of(State.STARTING, State.RUNNING)) {
            assertEquals(State.STOPPED, Transitions.next(from, Event.STOP_REQUESTED).orElseThrow().next(), from.name());
        }
    }

    @Test
    void theExitCode125AndOnlyItIsAPermanentFailure() {
        assertEquals(125, Event.PERMANENT_FAILURE_EXIT, "s6-supervise's code");
        assertEquals(Event.PERMANENT_FAILURE, Event.exit(Optional.of(125)));
        for (int code : new int[] {0, 1, 100, 111, 124, 126, 137, 125 + 128}) {
            assertEquals(Event.EXITED, Event.exit(Optional.of(code)), "code " + code);
        }
        assertEquals(Event.EXITED, Event.exit(Optional.empty()));
    }

    @Test
    void everyStateIsReachedFromStoppedAndEveryEventAndActionIsUsed() {
        Set<State> reached = EnumSet.of(State.STOPPED);
        Set<Event> used = EnumSet.noneOf(Event.class);
        Set<Action> done = EnumSet.noneOf(Action.class);
        for (boolean grew = true; grew;) {
            grew = false;
            for (State from : EnumSet.copyOf(reached)) {
                for (Event event : Event.values()) {
                    Optional<Transitions.Step> step = Transitions.next(from, event);
                    if (step.isPresent()) {
                        used.add(event);
                        done.add(step.get().action());
                        grew |= reached.add(step.get().next());
                    }
                }
            }
        }
        assertEquals(EnumSet.allOf(State.class), reached);
        assertEquals(EnumSet.allOf(Event.class), used);
        assertEquals(EnumSet.allOf(Action.class), done);
    }

    private static Map<String, Transitions.Step> expected() {
        Map<String, Transitions.Step> rows = new LinkedHashMap<>();
        for (String line : ADR_TABLE.strip().split("\n")) {
            String[] f = line.trim().split("\\s+");
            assertTrue(f.length == 5 && f[2].equals("->"), line);
            rows.put(State.valueOf(f[0]) + " " + Event.valueOf(f[1]), new Transitions.Step(State.valueOf(f[3]), Action.valueOf(f[4])));
        }
        return rows;
    }
}

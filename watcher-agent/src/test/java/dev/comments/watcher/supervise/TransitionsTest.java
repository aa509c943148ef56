package dev.comments.watcher.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The table against its specification, the table of docs/adr/003-watcher.md, read from the
 * file: every pair of state and event has exactly the ADR's step, or none when the ADR has no
 * row for it.
 */
class TransitionsTest {

    /** Where the table is written for people; the code must say the same. */
    private static final Path ADR = Path.of(System.getProperty("comments.repo", ".."), "docs/adr/003-watcher.md");

    @Test
    void everyPairHasTheStepOfTheAdrOrNone() throws IOException {
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

    /** The rows of the ADR's table: "| STATE | EVENT | NEXT | ACTION |" under its "| State" header. */
    private static Map<String, Transitions.Step> expected() throws IOException {
        Map<String, Transitions.Step> rows = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(ADR);
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("| State ")).findFirst().orElseThrow());
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] f = line.substring(1).split("\\|");
            assertEquals(4, f.length, line);
            String key = State.valueOf(f[0].strip()) + " " + Event.valueOf(f[1].strip());
            Transitions.Step step = new Transitions.Step(State.valueOf(f[2].strip()), Action.valueOf(f[3].strip()));
            assertNull(rows.put(key, step), "one row for " + key);
        }
        assertTrue(rows.size() > 10, "the table was found in " + ADR);
        return rows;
    }
}

package dev.comments.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleGroupTest {

    private final List<String> calls = new ArrayList<>();

    @Test
    void startsInOrderAndStopsInReverseOnce() {
        LifecycleGroup group = new LifecycleGroup("parts", List.of(part("a"), part("b"), part("c")));
        group.start();
        assertThrows(IllegalStateException.class, group::start);
        group.stop();
        group.stop();
        assertEquals(List.of("start a", "start b", "start c", "stop c", "stop b", "stop a"), calls);
    }

    @Test
    void aPartThatFailsToStopDoesNotKeepTheOthersRunning() {
        Lifecycle failing = new Lifecycle() {
            @Override
            public void start() {
            }

            @Override
            public void stop() {
                throw new IllegalStateException("stuck");
            }
        };
        LifecycleGroup group = new LifecycleGroup("parts", List.of(part("a"), failing, part("c")));
        group.start();
        group.stop();
        assertEquals(List.of("start a", "start c", "stop c", "stop a"), calls);
    }

    @Test
    void stoppedBeforeItStartsItStartsNothing() {
        LifecycleGroup group = new LifecycleGroup("parts", List.of(part("a")));
        group.stop();
        group.start();
        assertEquals(List.of("stop a"), calls, "a part not started is still told to stop, at no cost");
    }

    private Lifecycle part(String name) {
        return new Lifecycle() {
            @Override
            public void start() {
                calls.add("start " + name);
            }

            @Override
            public void stop() {
                calls.add("stop " + name);
            }
        };
    }
}

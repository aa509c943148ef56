package dev.comments.core.lifecycle;

import dev.comments.core.log.EventLog;
import java.util.List;

/**
 * Parts that start in the order given (each may use the ones before it) and stop in the
 * reverse order (none loses a part it uses while it stops). One part's failure to stop is
 * logged and the others still stop: leaving them running would be worse. A part whose
 * start throws stops the group's start there; the group's stop still stops every part
 * (a part not started stops at no cost).
 */
public final class LifecycleGroup implements Lifecycle {

    private final String name;
    private final List<Lifecycle> parts;
    private final LifecycleGate gate;

    public LifecycleGroup(String name, List<? extends Lifecycle> parts) {
        this.name = name;
        this.parts = List.copyOf(parts);
        this.gate = new LifecycleGate(name);
    }

    @Override
    public void start() {
        gate.start(() -> parts.forEach(Lifecycle::start));
    }

    @Override
    public void stop() {
        gate.stop(() -> parts.reversed().forEach(this::stopOne));
    }

    private void stopOne(Lifecycle part) {
        try {
            part.stop();
        } catch (RuntimeException e) {
            EventLog.event("error", "stop-failed", "group", name, "part", part.getClass().getName(), "error", e,
                    "action", "the other parts stop still");
        }
    }
}

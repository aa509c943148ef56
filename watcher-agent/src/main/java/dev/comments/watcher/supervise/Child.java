package dev.comments.watcher.supervise;

import dev.comments.core.log.EventLog;
import dev.comments.core.reports.ChildStatus;
import dev.comments.watcher.config.ChildSpec;
import dev.comments.watcher.config.Policy;
import dev.comments.watcher.probe.Liveness;
import dev.comments.watcher.probe.Probe;
import dev.comments.watcher.proc.Launcher;
import dev.comments.watcher.proc.MemoryMeter;
import dev.comments.watcher.proc.PidFiles;
import dev.comments.watcher.proc.ProcessTree;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One supervised process. Each tick it looks at what its state calls for (the process's exit,
 * the probe, the memory, the clock), turns what it sees into an {@link Event}, and applies
 * the step {@link Transitions} gives for it: the table alone changes {@link #state}. Starting,
 * probing and measuring are its collaborators' ({@link Launcher}, {@link Probe} and
 * {@link Liveness}, {@link MemoryMeter}). The supervisor calls it on one thread; every move is logged with its
 * reason.
 */
final class Child {

    final ChildSpec spec;
    private final Policy policy;
    private final RestartPolicy restarts;
    private final Launcher launcher;
    private final Probe probe;
    private final Liveness liveness;
    private final MemoryMeter memory;

    /** Written on the tick thread only; volatile for the status read from other threads. */
    private volatile State state = State.STOPPED;
    private Process process;
    private Instant startedAt;
    private Instant nextStart = Instant.EPOCH;
    private int totalRestarts;
    private int starts;
    private String lastReason = "";

    Child(ChildSpec spec, Policy policy, PidFiles pidFiles) {
        this.spec = spec;
        this.policy = policy;
        this.restarts = new RestartPolicy(policy);
        this.launcher = new Launcher(spec, pidFiles);
        this.probe = new Probe(spec.probe());
        this.liveness = new Liveness(spec.probe(), probe);
        this.memory = new MemoryMeter(spec.memoryLimitBytes(), spec.memoryChecks());
    }

    /** One look at the child; {@code mayStart} is false while a child before this one is not ready. */
    void tick(Instant now, boolean mayStart) {
        Optional<Observation> seen = switch (state) {
            case STOPPED, BACKOFF, FAILED -> mayStart && !now.isBefore(nextStart)
                    ? Optional.of(new Observation(Event.START_DUE, "")) : Optional.empty();
            case STARTING -> exit().or(() -> readiness(now));
            case RUNNING -> exit().or(() -> liveness(now));
            case GAVE_UP -> Optional.empty();
        };
        seen.ifPresent(o -> fire(o.event(), o.reason(), now));
    }

    /** The watcher is stopping: the child's process ends and no tick follows. */
    void stop() {
        fire(Event.STOP_REQUESTED, "watcher stopping", Instant.now());
    }

    /** An event and why, as seen by one tick. */
    private record Observation(Event event, String reason) {
    }

    private Optional<Observation> exit() {
        if (process.isAlive()) {
            return Optional.empty();
        }
        Optional<Integer> code = exitCode();
        Event event = Event.exit(code);
        String reason = code.map(c -> c > 128 ? "killed by signal " + (c - 128) : "exited with code " + c).orElse("exited")
                + (event == Event.PERMANENT_FAILURE ? " (permanent failure: not restarted)" : "");
        EventLog.event("warn", "child-exited", "child", spec.name(), "pid", process.pid(), "reason", reason);
        return Optional.of(new Observation(event, reason));
    }

    private Optional<Observation> readiness(Instant now) {
        // The status shows a starting child's size too, so that it has one from its first tick.
        memory.read(process.toHandle());
        if (probe.check(startedAt) == Probe.Result.READY) {
            return Optional.of(new Observation(Event.READY, ""));
        }
        if (now.isAfter(startedAt.plus(spec.readyTimeout()))) {
            return Optional.of(new Observation(Event.NOT_READY_IN_TIME,
                    "not ready within " + spec.readyTimeout().toSeconds() + " s: " + probe.lastFailure()));
        }
        return Optional.empty();
    }

    /** Hang (the probe, once per its period), memory and the schedule, in this order: the first seen wins. */
    private Optional<Observation> liveness(Instant now) {
        if (Duration.between(startedAt, now).compareTo(policy.stableAfter()) >= 0) {
            restarts.onStable();
        }
        return liveness.hung(now, startedAt).map(r -> new Observation(Event.HUNG, r))
                .or(() -> memory.measure(process.toHandle()).map(r -> new Observation(Event.MEMORY_OVER, r)))
                .or(() -> restartDue(now));
    }

    private Optional<Observation> restartDue(Instant now) {
        return !spec.restartEvery().isZero() && now.isAfter(startedAt.plus(spec.restartEvery()))
                ? Optional.of(new Observation(Event.RESTART_DUE, "scheduled restart every " + spec.restartEvery().toSeconds() + " s"))
                : Optional.empty();
    }

    /**
     * Applies the table's step for {@code event}; the only assignment of {@link #state}. The
     * state changes before the action runs, so that an event the action itself raises (a
     * launch that fails, too many restarts) is read in the new state.
     */
    private void fire(Event event, String reason, Instant now) {
        Optional<Transitions.Step> step = Transitions.next(state, event);
        if (step.isEmpty()) {
            EventLog.event("warn", "child-event-ignored", "child", spec.name(), "state", state, "event", event);
            return;
        }
        state = step.get().next();
        Action action = step.get().action();
        end(action.end, reason);
        then(action.then, event, now);
    }

    private void end(Action.End end, String reason) {
        switch (end) {
            case NONE -> {
                return;
            }
            case GONE -> lastReason = reason;
            case KILL -> {
                lastReason = reason;
                EventLog.event("warn", "child-killed", "child", spec.name(), "pid", process.pid(), "reason", reason);
                ProcessTree.kill(process.toHandle());
            }
            case TERMINATE -> {
                if (process.isAlive()) {
                    lastReason = reason;
                    EventLog.event("info", "child-stopping", "child", spec.name(), "pid", process.pid(), "reason", reason);
                    ProcessTree.terminate(process.toHandle(), spec.stopGrace());
                }
            }
        }
        launcher.forget();
        process = null;
    }

    private void then(Action.Then then, Event event, Instant now) {
        switch (then) {
            case LAUNCH -> launch(now);
            case ANNOUNCE_READY -> EventLog.event("info", "child-ready", "child", spec.name(), "pid", process.pid(),
                    "after_ms", Duration.between(startedAt, now).toMillis());
            case COUNT_RESTART -> countRestart(event == Event.EXITED ? Instant.now() : now);
            case RESTART_NOW -> nextStart = now;
            case RETRY_LATER -> retryLater(now);
            case GIVE_UP -> EventLog.event("error", "child-gave-up", "child", spec.name(),
                    "exit", Event.PERMANENT_FAILURE_EXIT, "reason", lastReason);
            case NOTHING_MORE -> {
            }
        }
    }

    private void launch(Instant now) {
        try {
            process = launcher.launch();
        } catch (IOException e) {
            EventLog.event("error", "child-start-failed", "child", spec.name(), "error", e.getMessage());
            fire(Event.LAUNCH_FAILED, "cannot start: " + e.getMessage(), now);
            return;
        }
        startedAt = now;
        starts++;
        liveness.reset(now);
        memory.reset();
        EventLog.event("info", "child-started", "child", spec.name(), "pid", process.pid(), "start", starts);
    }

    /** Backoff before the next start, or FAILED past the intensity (systemd StartLimitBurst, OTP). */
    private void countRestart(Instant now) {
        totalRestarts++;
        Duration wait = restarts.onRestart(now);
        if (wait == null) {
            fire(Event.TOO_MANY_RESTARTS, "", now);
            return;
        }
        nextStart = now.plus(wait);
        EventLog.event("info", "child-restart-scheduled", "child", spec.name(), "in_ms", wait.toMillis(), "reason", lastReason);
    }

    private void retryLater(Instant now) {
        nextStart = now.plus(policy.failedRetry());
        EventLog.event("error", "child-failed", "child", spec.name(), "restarts_in_window", restarts.restartsInWindow(),
                "window_s", policy.window().toSeconds(), "retry_in_s", policy.failedRetry().toSeconds(),
                "last_reason", lastReason);
    }

    private Optional<Integer> exitCode() {
        try {
            return Optional.of(process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    State state() {
        return state;
    }

    boolean isReady() {
        return state == State.RUNNING;
    }

    ChildStatus status(Instant now) {
        // The pid tracked until the next tick has seen its exit; -1 when there is none.
        Process p = process;
        State s = state;
        boolean tracked = p != null && (s == State.STARTING || s == State.RUNNING);
        return new ChildStatus(spec.name(), s.name(), tracked ? p.pid() : -1,
                tracked && startedAt != null ? Duration.between(startedAt, now).toMillis() : 0,
                totalRestarts, starts, lastReason, tracked ? memory.lastBytes() : 0);
    }
}

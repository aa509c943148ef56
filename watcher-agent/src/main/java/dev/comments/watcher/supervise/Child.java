package dev.comments.watcher.supervise;

import dev.comments.core.log.EventLog;
import dev.comments.core.reports.ChildStatus;
import dev.comments.watcher.config.ChildSpec;
import dev.comments.watcher.config.Policy;
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
 * One supervised process and its state machine ({@link State}). The supervisor calls
 * {@link #tick} on one thread; every change of state is logged with its reason.
 */
final class Child {

    final ChildSpec spec;
    private final Policy policy;
    private final PidFiles pidFiles;
    private final RestartPolicy restarts;
    private final Probe probe;
    private final Launcher launcher;
    private final MemoryMeter memory;

    private State state = State.STOPPED;
    /** The Process object of the child this watcher started, for its exit code. */
    private Process launched;
    private ProcessHandle process;
    private Instant startedAt;
    private Instant nextStart = Instant.EPOCH;
    private int probeFailures;
    private Instant lastProbe = Instant.EPOCH;
    private int totalRestarts;
    private int starts;
    private String lastReason = "";

    Child(ChildSpec spec, Policy policy, PidFiles pidFiles) {
        this.spec = spec;
        this.policy = policy;
        this.pidFiles = pidFiles;
        this.restarts = new RestartPolicy(policy);
        this.probe = new Probe(spec.probe());
        this.launcher = new Launcher(spec, pidFiles);
        this.memory = new MemoryMeter(spec.memoryLimitBytes(), spec.memoryChecks());
    }

    /** Advances the state machine; {@code mayStart} is false while a child before this one is not ready. */
    void tick(Instant now, boolean mayStart) {
        switch (state) {
            case STOPPED, BACKOFF, FAILED -> {
                if (mayStart && !now.isBefore(nextStart)) {
                    start(now);
                }
            }
            case STARTING -> {
                if (exited()) {
                    return;
                }
                if (probe.check(startedAt) == Probe.Result.READY) {
                    state = State.RUNNING;
                    EventLog.event("info", "child-ready", "child", spec.name(), "pid", process.pid(),
                            "after_ms", Duration.between(startedAt, now).toMillis());
                } else if (now.isAfter(startedAt.plus(spec.readyTimeout()))) {
                    kill("not ready within " + spec.readyTimeout().toSeconds() + " s: " + probe.lastFailure());
                    restartLater(now, true);
                }
            }
            case RUNNING -> watchRunning(now);
        }
    }

    private void watchRunning(Instant now) {
        if (exited()) {
            return;
        }
        if (Duration.between(startedAt, now).compareTo(policy.stableAfter()) >= 0) {
            restarts.onStable();
        }
        if (now.isBefore(lastProbe.plus(spec.probe().period()))) {
            checkMemoryAndSchedule(now);
            return;
        }
        lastProbe = now;
        if (probe.check(startedAt) == Probe.Result.FAILED) {
            probeFailures++;
            if (probeFailures >= spec.probe().failures()) {
                kill("hung: " + probeFailures + " probes failed in a row, last: " + probe.lastFailure());
                restartLater(now, true);
                return;
            }
        } else {
            probeFailures = 0;
        }
        checkMemoryAndSchedule(now);
    }

    private void checkMemoryAndSchedule(Instant now) {
        Optional<String> leak = memory.measure(process);
        if (leak.isPresent()) {
            stopGracefully(leak.get());
            restartLater(now, true);
            return;
        }
        if (!spec.restartEvery().isZero() && now.isAfter(startedAt.plus(spec.restartEvery()))) {
            stopGracefully("scheduled restart every " + spec.restartEvery().toSeconds() + " s");
            restartLater(now, false);
        }
    }

    /** True, and the restart planned, when the process has exited on its own. */
    private boolean exited() {
        if (process.isAlive()) {
            return false;
        }
        Optional<Integer> code = exitCode();
        String reason = code.map(c -> c > 128 ? "killed by signal " + (c - 128) : "exited with code " + c)
                .orElse("exited");
        EventLog.event("warn", "child-exited", "child", spec.name(), "pid", process.pid(), "reason", reason);
        lastReason = reason;
        removePidFile();
        restartLater(Instant.now(), true);
        return true;
    }

    private void start(Instant now) {
        try {
            launched = launcher.launch();
            process = launched.toHandle();
        } catch (IOException e) {
            lastReason = "cannot start: " + e.getMessage();
            EventLog.event("error", "child-start-failed", "child", spec.name(), "error", e.getMessage());
            restartLater(now, true);
            return;
        }
        startedAt = now;
        starts++;
        probeFailures = 0;
        lastProbe = now;
        memory.reset();
        state = State.STARTING;
        EventLog.event("info", "child-started", "child", spec.name(), "pid", process.pid(), "start", starts);
    }

    private Optional<Integer> exitCode() {
        if (launched != null && launched.toHandle().equals(process)) {
            try {
                return Optional.of(launched.waitFor());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Optional.empty();
    }

    private void restartLater(Instant now, boolean counts) {
        if (state == State.STOPPED && process == null) {
            return;
        }
        if (!counts) {
            state = State.BACKOFF;
            nextStart = now;
            return;
        }
        totalRestarts++;
        Duration wait = restarts.onRestart(now);
        if (wait == null) {
            state = State.FAILED;
            nextStart = now.plus(policy.failedRetry());
            EventLog.event("error", "child-failed", "child", spec.name(), "restarts_in_window", restarts.restartsInWindow(),
                    "window_s", policy.window().toSeconds(), "retry_in_s", policy.failedRetry().toSeconds(),
                    "last_reason", lastReason);
            return;
        }
        state = State.BACKOFF;
        nextStart = now.plus(wait);
        EventLog.event("info", "child-restart-scheduled", "child", spec.name(), "in_ms", wait.toMillis(), "reason", lastReason);
    }

    /** kill -9 of the whole tree: for a hung process, which may not even be scheduled (SIGSTOP). */
    private void kill(String reason) {
        lastReason = reason;
        EventLog.event("warn", "child-killed", "child", spec.name(), "pid", process.pid(), "reason", reason);
        ProcessTree.kill(process);
        removePidFile();
    }

    /** SIGTERM, up to the child's grace period, then SIGKILL: the way a healthy child is stopped. */
    void stopGracefully(String reason) {
        if (process == null) {
            return;
        }
        lastReason = reason;
        EventLog.event("info", "child-stopping", "child", spec.name(), "pid", process.pid(), "reason", reason);
        ProcessTree.terminate(process, spec.stopGrace());
        removePidFile();
    }

    /** The watcher is stopping: stop the child and stay stopped. */
    void shutdown() {
        if (process != null && process.isAlive()) {
            stopGracefully("watcher stopping");
        }
        process = null;
        state = State.STOPPED;
    }

    private void removePidFile() {
        launcher.forget();
    }

    State state() {
        return state;
    }

    boolean isReady() {
        return state == State.RUNNING;
    }

    ChildStatus status(Instant now) {
        // The pid tracked until the next tick has seen its exit; -1 when there is none.
        boolean tracked = process != null && (state == State.STARTING || state == State.RUNNING);
        return new ChildStatus(spec.name(), state.name(), tracked ? process.pid() : -1,
                tracked && startedAt != null ? Duration.between(startedAt, now).toMillis() : 0,
                totalRestarts, starts, lastReason, tracked ? memory.lastBytes() : 0);
    }
}

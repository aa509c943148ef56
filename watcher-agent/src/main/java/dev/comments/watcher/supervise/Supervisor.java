package dev.comments.watcher.supervise;

import dev.comments.core.lifecycle.Lifecycle;
import dev.comments.core.lifecycle.LifecycleGate;
import dev.comments.core.log.EventLog;
import dev.comments.core.reports.ChildStatus;
import dev.comments.core.reports.WatcherStatus;
import dev.comments.watcher.config.ChildSpec;
import dev.comments.watcher.config.WatcherConfig;
import dev.comments.watcher.proc.PidFiles;
import dev.comments.watcher.proc.ProcessTree;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a server's children running: starts them in order, each only once the ones before
 * it are ready (kubo answers before Payara starts; the server is healthy before the sync
 * agent starts), then watches each for exit, hang and memory, one tick at a time. A child
 * that restarts does not restart the others: dependents recover on their own. Started and
 * stopped as every long-running part is ({@link Lifecycle}).
 */
public final class Supervisor implements Lifecycle {

    private final WatcherConfig config;
    private final PidFiles pidFiles;
    private final Path statusFile;
    private final List<Child> children = new ArrayList<>();
    private volatile boolean stopping;
    private final Object tickLock = new Object();
    private final LifecycleGate gate = new LifecycleGate("a supervisor");
    private volatile RuntimeException failure;

    public Supervisor(WatcherConfig config) throws IOException {
        this.config = config;
        this.pidFiles = new PidFiles(config.runDir());
        this.statusFile = config.runDir().resolve(WatcherStatus.FILE_NAME);
        for (ChildSpec spec : config.children()) {
            children.add(new Child(spec, config.policy(), pidFiles));
        }
    }

    /**
     * Stops what an earlier watcher left running (it was killed with -9): never two daemons on
     * one data folder. Children are recognized by their pid files, pid and start time both.
     */
    public void stopLeftovers() {
        for (ChildSpec spec : reversed(config.children())) {
            Optional<ProcessHandle> leftover = pidFiles.recorded(spec.name());
            leftover.ifPresent(p -> {
                EventLog.event("warn", "leftover-stopping", "child", spec.name(), "pid", p.pid(),
                        "reason", "left running by a watcher that did not stop cleanly");
                ProcessTree.terminate(p, spec.stopGrace());
            });
            try {
                pidFiles.remove(spec.name());
            } catch (IOException e) {
                EventLog.event("warn", "pid-file-error", "child", spec.name(), "error", e.getMessage());
            }
        }
    }

    /**
     * Stops what an earlier watcher left, then ticks on its own thread until {@link #stop()}.
     * The thread is not a daemon: it keeps the JVM alive while it supervises. A stop asked
     * meanwhile waits for this, then stops whatever it started.
     */
    @Override
    public void start() {
        gate.start(() -> {
            stopLeftovers();
            new Thread(this::run, "watcher-ticks").start();
        });
    }

    /**
     * One tick per check interval until {@link #stop()}. A tick that throws is a bug: the
     * children are stopped rather than left unwatched, and the watcher's process exits with a
     * failure for its service manager to start a new one (as when this ran on main).
     */
    private void run() {
        try {
            loop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
            EventLog.event("error", "watcher-failed", "error", e.toString());
            stop();
        }
    }

    /** What ended the ticks other than {@link #stop()}, if anything did. */
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    private void loop() throws InterruptedException {
        EventLog.event("info", "watcher-started", "pid", ProcessHandle.current().pid(), "children", children.size(),
                "run_dir", config.runDir());
        while (!stopping) {
            tick(Instant.now());
            synchronized (this) {
                if (!stopping) {
                    wait(config.policy().checkInterval().toMillis());
                }
            }
        }
    }

    /**
     * One pass over the children; never runs at the same time as the shutdown of {@link #stop()}.
     * Its cost grows as O(children): each child is looked at once, with at most one probe
     * (bounded by its timeout) and one read of /proc per process of its tree.
     */
    void tick(Instant now) {
        synchronized (tickLock) {
            if (stopping) {
                return;
            }
            boolean predecessorsReady = true;
            for (Child child : children) {
                child.tick(now, predecessorsReady);
                predecessorsReady &= child.isReady();
            }
            writeStatus(now);
        }
    }

    /** Stops every child in reverse order of start (SIGTERM, its grace, SIGKILL); later calls wait for the first. */
    @Override
    public void stop() {
        synchronized (this) {
            stopping = true;
            notifyAll();
        }
        gate.stop(this::stopChildren);
    }

    /**
     * Waits for a tick in progress (which may be starting a child) to finish; no later tick
     * starts anything, so every child is seen and stopped here.
     */
    private void stopChildren() {
        synchronized (tickLock) {
            for (Child child : reversed(children)) {
                child.stop();
            }
        }
        writeStatus(Instant.now());
        EventLog.event("info", "watcher-stopped");
    }

    /** Returns once {@link #stop()} has stopped every child. */
    public void awaitStopped() {
        gate.awaitStopped();
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    public List<ChildStatus> statuses() {
        Instant now = Instant.now();
        return children.stream().map(c -> c.status(now)).toList();
    }

    private void writeStatus(Instant now) {
        try {
            new WatcherStatus(ProcessHandle.current().pid(), now, children.stream().map(c -> c.status(now)).toList())
                    .write(statusFile);
        } catch (IOException e) {
            EventLog.event("warn", "status-write-failed", "error", e.getMessage());
        }
    }
}

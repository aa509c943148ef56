package dev.comments.watcher.testing;

import dev.comments.watcher.config.WatcherConfig;
import dev.comments.core.reports.ChildStatus;
import dev.comments.watcher.supervise.Supervisor;
import java.io.IOException;

/** A supervisor running in the test's JVM on its own thread; {@link #close()} stops it and its children. */
public final class Watching implements AutoCloseable {

    public final Supervisor supervisor;
    private final Thread thread;

    public Watching(WatcherConfig config) throws IOException {
        supervisor = new Supervisor(config);
        supervisor.stopLeftovers();
        thread = new Thread(() -> {
            try {
                supervisor.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "supervisor-under-test");
        thread.start();
    }

    public ChildStatus child(String name) {
        return supervisor.statuses().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Override
    public void close() throws InterruptedException {
        supervisor.stop();
        thread.join(60_000);
    }
}

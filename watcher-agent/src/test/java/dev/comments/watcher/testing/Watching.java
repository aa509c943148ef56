package dev.comments.watcher.testing;

import dev.comments.watcher.config.WatcherConfig;
import dev.comments.core.reports.ChildStatus;
import dev.comments.watcher.supervise.Supervisor;
import java.io.IOException;

/** A supervisor running in the test's JVM on its own thread; {@link #close()} stops it and its children. */
public final class Watching implements AutoCloseable {

    public final Supervisor supervisor;

    public Watching(WatcherConfig config) throws IOException {
        supervisor = new Supervisor(config);
        supervisor.start();
    }

    public ChildStatus child(String name) {
        return supervisor.statuses().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        supervisor.stop();
    }
}

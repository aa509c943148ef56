package dev.comments.sync.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * The agent's liveness file, rewritten after every round (the watcher's health probe:
 * a heartbeat older than a few intervals means a hung agent). One line: the time and
 * the last round's log line. Replaced by rename, so a reader never sees half a line.
 */
public final class Heartbeat {

    private final Path file;

    public Heartbeat(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    public void beat(String summary) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.writeString(temp, "time=" + Instant.now() + " pid=" + ProcessHandle.current().pid() + " " + summary + "\n",
                StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}

package dev.comments.watcher.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * One file per child in the run folder: its pid and start time. The start time makes the
 * record exact: a pid that the system has since given to another process is never ours.
 */
public final class PidFiles {

    private final Path runDir;

    public PidFiles(Path runDir) throws IOException {
        this.runDir = Files.createDirectories(runDir);
    }

    public void write(String child, ProcessHandle process) throws IOException {
        Path tmp = runDir.resolve(child + ".pid.tmp");
        Files.writeString(tmp, process.pid() + " " + startMillis(process) + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file(child), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public void remove(String child) throws IOException {
        Files.deleteIfExists(file(child));
    }

    /** The process a pid file names, if it still runs and is the very process that was recorded. */
    public Optional<ProcessHandle> recorded(String child) {
        try {
            String[] parts = Files.readString(file(child), StandardCharsets.US_ASCII).strip().split(" ");
            long pid = Long.parseLong(parts[0]);
            long started = Long.parseLong(parts[1]);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> startMillis(p) == started);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Path file(String child) {
        return runDir.resolve(child + ".pid");
    }

    private static long startMillis(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
    }
}

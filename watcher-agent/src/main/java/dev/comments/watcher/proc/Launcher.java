package dev.comments.watcher.proc;

import dev.comments.core.log.EventLog;
import dev.comments.watcher.config.ChildSpec;
import dev.comments.watcher.output.ChildOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Starts one child's process the same way every time: its scratch folder emptied, its output
 * piped to its log, its pid file written. One job: what a start is; when to start is the
 * supervisor's.
 */
public final class Launcher {

    private final ChildSpec spec;
    private final PidFiles pidFiles;

    public Launcher(ChildSpec spec, PidFiles pidFiles) {
        this.spec = spec;
        this.pidFiles = pidFiles;
    }

    /** A fresh process of the child, recorded in its pid file; throws when it cannot be started. */
    public Process launch() throws IOException {
        clearScratch();
        // Output through a pipe to ChildOutput, which writes each line as one log record.
        ProcessBuilder builder = new ProcessBuilder(spec.command()).directory(spec.workDir().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(spec.env());
        Files.createDirectories(spec.log().getParent());
        Files.createDirectories(spec.workDir());
        Process process = builder.start();
        ChildOutput.start(spec.name(), process.getInputStream(), spec.log());
        try {
            pidFiles.write(spec.name(), process.toHandle());
        } catch (IOException e) {
            // Unrecorded, it would be invisible to the next watcher after a kill -9 of this one.
            ProcessTree.kill(process.toHandle());
            throw e;
        }
        return process;
    }

    /** The process is gone: its pid file must not name it to the next watcher. */
    public void forget() {
        try {
            pidFiles.remove(spec.name());
        } catch (IOException e) {
            EventLog.event("warn", "pid-file-error", "child", spec.name(), "error", e.getMessage());
        }
    }

    /**
     * A scratch folder (Payara Micro's runtime folder) remembers the last run; a start on it
     * would deploy the application twice. A folder that cannot be emptied is said, not fatal.
     */
    private void clearScratch() {
        if (spec.scratchDir() == null) {
            return;
        }
        try {
            deleteTree(spec.scratchDir());
        } catch (IOException e) {
            EventLog.event("warn", "scratch-clear-failed", "child", spec.name(), "dir", spec.scratchDir(), "error", e.getMessage());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package dev.comments.watcher.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A process and everything it started: what they hold in memory (read from Linux's /proc),
 * and how they are ended. A child's descendants are always ended with it: a shell's or
 * Payara's children would otherwise live on without a parent the watcher knows.
 */
public final class ProcessTree {

    private ProcessTree() {
    }

    /** The resident set (VmRSS) of the process and all its descendants, in bytes; 0 once it is gone. */
    public static long residentBytes(ProcessHandle process) {
        return Stream.concat(Stream.of(process), process.descendants())
                .mapToLong(p -> residentBytes(p.pid()))
                .sum();
    }

    /** SIGTERM to the tree, up to {@code grace}, then SIGKILL: the way a healthy process is stopped. */
    public static void terminate(ProcessHandle p, Duration grace) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        if (!await(p, grace)) {
            kill(p);
        }
    }

    /** SIGKILL to the tree: for a hung process, which may not even be scheduled (SIGSTOP). */
    public static void kill(ProcessHandle p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        await(p, Duration.ofSeconds(10));
    }

    private static boolean await(ProcessHandle p, Duration timeout) {
        try {
            p.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        } catch (ExecutionException e) {
            return !p.isAlive();
        }
    }

    static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    // "VmRSS:     123456 kB"
                    return Long.parseLong(line.substring(6).replace("kB", "").strip()) * 1024;
                }
            }
            return 0; // a zombie has no VmRSS line
        } catch (IOException | NumberFormatException e) {
            return 0; // exited between listing and reading
        }
    }
}

package dev.comments.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Everything the bench starts, stopped by pid when it is done, fails or is killed (a JVM
 * shutdown hook): nothing else is ever signalled. Also reads resident memory from /proc.
 */
final class Procs {

    private static final Deque<AutoCloseable> OPEN = new ConcurrentLinkedDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Procs::closeAll, "bench-stop-children"));
    }

    private Procs() {
    }

    /** Registers something to close at the end, last registered first. */
    static <T extends AutoCloseable> T own(T thing) {
        OPEN.push(thing);
        return thing;
    }

    /** Closes it now and forgets it. */
    static void close(AutoCloseable thing) {
        if (thing == null) {
            return;
        }
        OPEN.remove(thing);
        quietly(thing);
    }

    static void closeAll() {
        AutoCloseable c;
        while ((c = OPEN.poll()) != null) {
            quietly(c);
        }
    }

    private static void quietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("bench: stopping " + c + " failed: " + e);
        }
    }

    /** A started process and its descendants, stopped with SIGTERM, then SIGKILL after a grace. */
    record Child(String name, Process process, Duration grace) implements AutoCloseable {

        long pid() {
            return process.pid();
        }

        boolean alive() {
            return process.isAlive();
        }

        @Override
        public void close() {
            if (!process.isAlive()) {
                return;
            }
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            for (ProcessHandle h : tree) {
                if (h.isAlive()) {
                    h.destroyForcibly();
                }
            }
        }

        @Override
        public String toString() {
            return name + " (pid " + process.pid() + ")";
        }
    }

    /** Starts a command with its output appended to a log file, registered for stopping. */
    static Child start(String name, List<String> command, Path cwd, Map<String, String> env, Path log, Duration grace)
            throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        pb.environment().putAll(env);
        return own(new Child(name, pb.start(), grace));
    }

    /** Resident set of one process, in MiB (VmRSS), or NaN when it is gone. */
    static double rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return Double.NaN;
    }

    /** Resident set of a process and all its descendants (nginx's workers, Chromium's renderers), in MiB. */
    static double treeRssMiB(long pid) {
        double sum = rssMiB(pid);
        if (Double.isNaN(sum)) {
            return sum;
        }
        try (Stream<ProcessHandle> d = ProcessHandle.of(pid).map(ProcessHandle::descendants).orElse(Stream.empty())) {
            for (ProcessHandle h : d.toList()) {
                double r = rssMiB(h.pid());
                if (!Double.isNaN(r)) {
                    sum += r;
                }
            }
        }
        return sum;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

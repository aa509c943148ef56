package dev.comments.bench;

import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.store.CommentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * ./dev bench: every hot path of the project beside its reference, measured in one run on
 * this machine, all load on loopback (127.0.80.1–127.0.89.254), bounded in count and time,
 * stopping by itself (a deadline ends the JVM, whose shutdown hook stops every child by pid).
 * Prints a Markdown table and writes it, with the raw numbers, to bench/results/.
 */
public final class Bench {

    /** Server A (kubo + Payara Micro) of the single-server figures. */
    static final String IP_A = "127.0.80.1";
    /** A second kubo daemon, so that A has a DHT peer and can provide the network id (the client finds A through it). */
    static final String IP_B = "127.0.80.2";
    /** nginx (the static references) and the client site. */
    static final String IP_STATIC = "127.0.80.3";
    /** The three servers of the sync figures. */
    static final String[] IP_SYNC = {"127.0.83.1", "127.0.83.2", "127.0.83.3"};
    /** The scale rows' server, the empty daemon of its `add -r` reference, and the server that syncs from the first. */
    static final String[] IP_SCALE = {"127.0.84.1", "127.0.84.2", "127.0.84.3"};

    final Options options;
    final Path work;
    final List<Row> rows = new ArrayList<>();
    final Map<String, Double> memory = new LinkedHashMap<>();
    final Map<String, String> notes = new LinkedHashMap<>();
    final String networkIdHex = Signed.randomHex32();
    Signed signed;
    Machine machine;
    private final long started = System.nanoTime();

    Bench(Options options) throws IOException {
        this.options = options;
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        this.work = options.repo.resolve("bench/target/run-" + stamp);
        Files.createDirectories(work);
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(100);
            return;
        }
        startDeadline(options.deadlineMinutes);
        Bench bench = new Bench(options);
        int code = bench.run();
        System.exit(code);
    }

    /** The bench stops by itself: past its deadline the JVM exits and its shutdown hook stops every child. */
    private static void startDeadline(int minutes) {
        Thread t = new Thread(() -> {
            Procs.sleep(minutes * 60_000L);
            System.err.println("bench: deadline of " + minutes + " min reached; stopping everything it started");
            System.exit(3);
        }, "bench-deadline");
        t.setDaemon(true);
        t.start();
    }

    /** The results' file names: bench/results/&lt;date&gt;-&lt;commit&gt;[-quick] + suffix. */
    Path resultFile(String suffix) {
        String date = java.time.format.DateTimeFormatter.ISO_LOCAL_DATE.withZone(java.time.ZoneOffset.UTC)
                .format(machine.start);
        return options.results.resolve(date + "-" + machine.commit + (options.quick ? "-quick" : "") + suffix);
    }

    /**
     * With --profile, a flame graph of the server (pid) from now until the returned handle
     * is closed, beside the results as {@code -profile-<id>.html}; without, nothing.
     */
    Profiled profiled(long pid, String id, String title) throws IOException {
        if (!options.profile) {
            return () -> { };
        }
        Profile profile = Profile.start(pid, id, work.resolve("profiles"));
        return () -> {
            Files.createDirectories(options.results);
            Path html = profile.stop(resultFile("-profile-" + id + ".html"), title);
            notes.put("profile-" + id, "flame graph of the server's CPU during " + title + ": `" + html.getFileName() + "`");
        };
    }

    interface Profiled extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    int run() throws Exception {
        log("run folder " + work + "; network id " + networkIdHex + " (random: nothing outside this run can join)");
        machine = Machine.describe(options.repo);
        log(machine.summary());
        signed = new Signed();
        boolean singleServer = options.runs("get") || options.runs("post") || options.runs("incremental")
                || options.runs("client");
        try {
            if (singleServer) {
                new ServerPhases(this).run();
            }
            if (options.runs("sync")) {
                new SyncPhase(this).run();
            }
            if (options.runs("scale")) {
                new ScalePhase(this).run();
            }
            if (options.runs("stamp")) {
                new StampPhase(this).run();
            }
            if (options.runs("text")) {
                new TextPhase(this).run();
            }
        } finally {
            Procs.closeAll();
        }
        for (String part : Options.PARTS) {
            if (!options.runs(part)) {
                notes.put("skipped-" + part, "part `" + part + "` not run (--only)");
            }
        }
        machine.finish();
        Report report = new Report(this, machine);
        String md = report.markdown();
        System.out.println();
        System.out.println(md);
        Path[] written = report.write(options.results);
        log("wrote " + written[0] + " and " + written[1]);
        if (!options.keep) {
            // Stores, kubo repos, profiles go; the logs stay (logs/, payara.log, kubo-configure, nginx).
            deleteTree(work, p -> !(p.getFileName().toString().endsWith(".log") && !p.toString().contains("/ipfs/")
                    && !p.toString().contains("/profiles/")));
        }
        return 0;
    }

    void log(String message) {
        double s = (System.nanoTime() - started) / 1e9;
        System.out.printf("[bench %6.1fs] %s%n", s, message);
        System.out.flush();
    }

    Row row(Row r) {
        rows.add(r);
        return r;
    }

    /** Writes comments straight into a store (group commits of 500), as the sync agent writes pulled ones. */
    static void seed(CommentStore store, List<VerifiedComment> comments) throws IOException {
        for (int i = 0; i < comments.size(); i += 500) {
            store.writeAll(comments.subList(i, Math.min(comments.size(), i + 500)));
        }
    }

    static int freePort(String ip) {
        return dev.comments.testkit.FreePorts.on(ip);
    }

    /** Deletes the files the filter accepts, then every folder left empty. */
    static void deleteTree(Path root, java.util.function.Predicate<Path> deleteFile) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        try (Stream<Path> in = Files.list(p)) {
                            if (in.findAny().isEmpty()) {
                                Files.delete(p);
                            }
                        }
                    } else if (deleteFile.test(p)) {
                        Files.delete(p);
                    }
                } catch (IOException e) {
                    // a file still held by a stopping process: left for the next run's cleanup
                }
            }
        } catch (IOException e) {
            System.err.println("bench: could not clean " + root + ": " + e.getMessage());
        }
    }
}

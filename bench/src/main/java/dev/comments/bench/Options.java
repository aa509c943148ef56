package dev.comments.bench;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The bench's few knobs; bench/run passes them through. */
final class Options {

    static final List<String> PARTS = List.of("get", "post", "incremental", "client", "sync", "scale", "stamp", "text");

    Path repo;
    int reps = 3;
    int seconds = 5;
    int syncIntervalMs = 2000;
    int deadlineMinutes = 20;
    boolean keep;
    /** The guard a developer runs before stopping: the cached GET and POST rows only, shorter runs. */
    boolean quick;
    /** Flame graphs of the server during the cached-GET and POST rows (Profile). */
    boolean profile;
    Set<String> parts = new LinkedHashSet<>(PARTS);
    Path results;
    /** The sync agent's jar; by default the one the build leaves in sync-agent/target. */
    Path syncJar;

    static Options parse(String[] args) {
        Options o = new Options();
        o.repo = Path.of(System.getProperty("comments.repo", ".")).toAbsolutePath().normalize();
        o.results = o.repo.resolve("bench/results");
        o.syncJar = o.repo.resolve("sync-agent/target/sync-agent.jar");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--reps" -> o.reps = positive(a, args, ++i);
                case "--seconds" -> o.seconds = positive(a, args, ++i);
                case "--sync-interval-ms" -> o.syncIntervalMs = positive(a, args, ++i);
                case "--deadline-minutes" -> o.deadlineMinutes = positive(a, args, ++i);
                case "--keep" -> o.keep = true;
                case "--profile" -> o.profile = true;
                case "--quick" -> {
                    o.quick = true;
                    o.seconds = 3;
                    o.parts = new LinkedHashSet<>(List.of("get", "post"));
                }
                case "--results" -> o.results = Path.of(value(a, args, ++i)).toAbsolutePath();
                case "--sync-jar" -> o.syncJar = Path.of(value(a, args, ++i)).toAbsolutePath();
                case "--only" -> {
                    o.parts = new LinkedHashSet<>(List.of(value(a, args, ++i).split(",")));
                    if (!PARTS.containsAll(o.parts)) {
                        throw new IllegalArgumentException("--only takes some of " + PARTS);
                    }
                }
                case "-h", "--help" -> {
                    System.out.println(usage());
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
            }
        }
        if (o.reps < 3) {
            System.err.println("bench: fewer than 3 runs per figure: medians of " + o.reps + " are weak");
        }
        return o;
    }

    boolean runs(String part) {
        return parts.contains(part);
    }

    static String usage() {
        return """
                bench/run [--quick] [--reps N] [--seconds S] [--only get,post,incremental,client,sync,scale,stamp,text]
                          [--sync-interval-ms MS] [--deadline-minutes M] [--keep] [--results DIR]
                          [--sync-jar JAR]
                  --quick      the regression guard (a few minutes): cached GET, 304 and POST rows only,
                               3-s runs; results as bench/results/<date>-<commit>-quick.{md,json}
                  --profile    flame graphs of the server's CPU during the cached-GET, 304 and POST rows,
                               beside the results (<date>-<commit>-profile-<row>.html)
                  --reps       runs per figure (median, min, max); default 3
                  --seconds    length of each load run (wrk, the bare fsync loop); default 5
                  --only       a subset of the parts (the results then name the rest as not measured)
                  --keep       keep the run folder (stores, kubo repos, logs) under bench/target/
                  --sync-jar   the sync agent to measure (default sync-agent/target/sync-agent.jar)
                """;
    }

    private static String value(String a, String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(a + " needs a value");
        }
        return args[i];
    }

    private static int positive(String a, String[] args, int i) {
        int v = Integer.parseInt(value(a, args, i));
        if (v <= 0) {
            throw new IllegalArgumentException(a + " must be positive");
        }
        return v;
    }
}

package dev.comments.bench;

import dev.comments.launch.Setting;
import dev.comments.launch.ServerLaunch;
import dev.comments.core.cid.Cid;
import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.kubo.KuboClient;
import dev.comments.core.kubo.Link;
import dev.comments.core.network.UrlHash;
import dev.comments.core.store.CommentStore;
import dev.comments.core.tree.CommentFileName;
import dev.comments.core.tree.RootEntry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sync figures, on three servers (kubo + Payara Micro + sync agent each) that find each
 * other through the DHT: a round when 1 of 10,000 comments (100 pages) changed and when nothing
 * did, from the agents' own round lines, against a full walk of the tree; and the time until a
 * comment posted on A is served by C, against 2 × the sync interval. Runs only when
 * sync-agent/target/sync-agent.jar exists.
 */
final class SyncPhase {

    static final int PAGES = 100;
    static final int PER_PAGE = 100;
    private static final Pattern KV = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");

    static final String ONE = "sync-one";
    static final String NONE = "sync-none";
    static final String PROPAGATION = "propagation";
    static final String ONE_FIGURE = "sync round, 1 of 10,000 comments changed (100 pages): wall time";
    static final String ONE_CALLS_FIGURE = "sync round, 1 of 10,000 changed: calls (GET / + folders listed + blocks fetched)";
    static final String NONE_FIGURE = "sync round, nothing changed: wall time";
    static final String NONE_CALLS_FIGURE = "sync round, nothing changed: calls";
    static final String PROPAGATION_FIGURE = "time until a comment posted on A is served by C, 3 servers";

    private final Bench b;
    private final Options o;

    SyncPhase(Bench b) {
        this.b = b;
        this.o = b.options;
    }

    void run() throws Exception {
        Path jar = o.syncJar;
        if (!Files.isRegularFile(jar)) {
            notMeasured("not measured: sync agent not built (no sync-agent/target/sync-agent.jar)");
            return;
        }
        try {
            measure(jar);
        } catch (Exception | AssertionError e) {
            b.rows.removeIf(r -> r.id.startsWith("sync") || r.id.equals(PROPAGATION));
            notMeasured("not measured: the sync run failed: " + e.getMessage().lines().findFirst().orElse("")
                    + " (logs under bench/target/)");
            System.err.println("bench: sync phase failed");
            e.printStackTrace();
        }
    }

    private void measure(Path jar) throws Exception {
        int interval = o.syncIntervalMs;
        b.log("sync: three servers on " + String.join(", ", Bench.IP_SYNC) + ", sync interval " + interval + " ms");
        List<ServerNode> nodes = new ArrayList<>();
        List<String> boot = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ServerNode n = ServerNode.startDaemon("S" + (i + 1), Bench.IP_SYNC[i], b.work.resolve("sync-" + (i + 1)),
                    b.networkIdHex, boot.toArray(String[]::new));
            n.settings.with(Setting.SYNC_INTERVAL_MS, interval);
            nodes.add(n);
            boot.add(n.kubo.swarmAddress());
        }
        // Set-up: the same 10,000 comments in all three stores, published through add -r per
        // page, as if they had synced before; the agents start with no state of their own.
        List<String> pages = new ArrayList<>();
        List<VerifiedComment> all = new ArrayList<>();
        for (int p = 0; p < PAGES; p++) {
            String page = Signed.randomPage();
            pages.add(page);
            all.addAll(b.signed.flat(page, "sync page " + p, PER_PAGE));
        }
        // Payara Micro boots (tens of seconds on a busy machine) while the stores are filled.
        for (ServerNode n : nodes) {
            n.startServer();
        }
        b.log("sync: writing the same " + all.size() + " comments on " + PAGES + " pages into each store");
        CommentStore first = CommentStore.open(nodes.get(0).data());
        Bench.seed(first, all);
        for (ServerNode n : nodes.subList(1, nodes.size())) {
            copyTree(first.root(), CommentStore.open(n.data()).root());
        }
        b.log("sync: stores filled; waiting for the servers to publish them (each computes its tree itself)");
        for (ServerNode n : nodes) {
            n.awaitServer();
            long t0 = System.nanoTime();
            Http.Reply root = n.awaitRoot();
            b.log(String.format("sync: %s answers; its first GET / took %.0f ms (%s)", n.name,
                    (System.nanoTime() - t0) / 1e6, root.body()));
        }
        List<Procs.Child> agents = new ArrayList<>();
        List<Path> agentLogs = new ArrayList<>();
        for (ServerNode n : nodes) {
            Path log = b.work.resolve("logs/sync-agent-" + n.name + ".log");
            agentLogs.add(log);
            agents.add(Procs.start("sync agent " + n.name, ServerLaunch.syncAgent(jar).command(), n.data(),
                    n.settings.env(), log, Duration.ofSeconds(10)));
        }
        ServerNode s1 = nodes.get(0);
        ServerNode s2 = nodes.get(1);
        ServerNode s3 = nodes.get(2);
        LogTail tail2 = new LogTail(agentLogs.get(1));

        // First rounds: the agents have no state, so each walks its peers' whole trees once.
        Duration wait = Duration.ofMillis(Math.max(60_000, interval * 10L));
        b.log("sync: waiting for S2's agent to find both peers through the DHT and finish a first round");
        Map<String, String> firstRound = tail2.await(r -> intOf(r, "peers") >= 2, wait);
        b.notes.put("sync-first-round", "S2's first round with both peers (no state yet: a full walk by the agent): "
                + firstRound);

        // Nothing changed: the next rounds.
        Series noneMs = new Series("ms");
        Series noneCalls = new Series("calls");
        List<Map<String, String>> noneRounds = new ArrayList<>();
        for (int i = 0; i < o.reps; i++) {
            Map<String, String> r = tail2.await(x -> intOf(x, "peers") >= 2, wait);
            noneRounds.add(r);
            noneMs.add(intOf(r, "ms"));
            noneCalls.add(calls(r));
        }
        b.log("sync: idle rounds " + noneRounds);

        // One change: post to S1, time until S3 serves it; S2's round that writes it.
        Series oneMs = new Series("ms");
        Series oneCalls = new Series("calls");
        Series propagation = new Series("s");
        List<Map<String, String>> oneRounds = new ArrayList<>();
        for (int i = 0; i < o.reps; i++) {
            String page = pages.get(i * 7 % PAGES);
            VerifiedComment c = b.signed.comment(page, null, "propagation", PER_PAGE + i);
            tail2.skipToEnd();
            long t0 = System.nanoTime();
            Http.Reply posted = s1.http().post(page, c.fileBytes());
            if (posted.status() != 201) {
                throw new IllegalStateException("POST to S1 answered " + posted);
            }
            double seconds = awaitCount(s3.http(), page, PER_PAGE + 1, t0, wait);
            propagation.add(seconds);
            Map<String, String> r = tail2.await(x -> intOf(x, "written") >= 1, wait);
            oneRounds.add(r);
            oneMs.add(intOf(r, "ms"));
            oneCalls.add(calls(r));
            b.log(String.format("  change %d: served by C after %.2f s; S2's round %s", i + 1, seconds, r));
            Procs.sleep(interval);
        }

        // The reference: a full walk of S1's tree from S2 (GET /, ls of the root and of every page, compare ids).
        Series walkMs = new Series("ms");
        Series walkCalls = new Series("calls");
        CommentStore store2 = CommentStore.open(s2.data());
        KuboClient kubo2 = s2.kubo.client().withTimeout(Duration.ofMinutes(2));
        Http from2 = new Http(s1.base(), s2.ip);
        for (int i = 0; i < o.reps; i++) {
            long t0 = System.nanoTime();
            int calls = 1;
            String root = from2.get("").json().getString("cid");
            List<Link> folders = kubo2.ls(root);
            calls++;
            int missing = 0;
            for (Link f : folders) {
                Optional<UrlHash> page = RootEntry.page(f);
                if (page.isEmpty()) {
                    continue;
                }
                Set<String> local = new HashSet<>();
                for (Cid id : store2.list(page.get())) {
                    local.add(CommentFileName.of(id));
                }
                for (Link file : kubo2.ls(f.hash())) {
                    if (!local.contains(file.name())) {
                        missing++;
                    }
                }
                calls++;
            }
            walkMs.add((System.nanoTime() - t0) / 1e6);
            walkCalls.add(calls);
            b.log(String.format("  full walk %d: %d calls, %d missing, %.0f ms", i + 1, calls, missing,
                    (System.nanoTime() - t0) / 1e6));
        }

        for (ServerNode n : nodes) {
            b.memory.put(n.name + ": Payara Micro (server-war)", Procs.rssMiB(n.payaraPid()));
            b.memory.put(n.name + ": kubo daemon", Procs.rssMiB(n.kuboPid()));
        }
        for (int i = 0; i < agents.size(); i++) {
            b.memory.put(nodes.get(i).name + ": sync agent", Procs.rssMiB(agents.get(i).pid()));
        }

        Row one = b.row(new Row(ONE, ONE_FIGURE));
        one.compare("sync agent (S2, 2 peers)", oneMs, "full walk of one peer's tree", walkMs);
        one.note = "from the agent's `event=sync-round` lines: " + oneRounds;
        Row oneC = b.row(new Row(ONE + "-calls", ONE_CALLS_FIGURE));
        oneC.compare("sync agent", oneCalls, "full walk (GET /, ls root, ls 100 pages)", walkCalls);
        oneC.target = "O(1): independent of store size";
        double peers = oneRounds.stream().mapToInt(r -> intOf(r, "peers")).max().orElse(2);
        boolean bounded = oneRounds.stream().allMatch(r -> intOf(r, "folders_listed") <= 2 * peers
                && intOf(r, "blocks_fetched") <= 2 * peers);
        oneC.met = bounded;
        oneC.note = "met when every such round lists ≤ 2 folders and fetches ≤ 2 blocks per peer, whatever the"
                + " 100 pages and 10,000 comments; one store size measured";
        Row none = b.row(new Row(NONE, NONE_FIGURE));
        none.compare("sync agent (S2, 2 peers)", noneMs, "full walk of one peer's tree", walkMs);
        none.note = "rounds: " + noneRounds;
        Row noneC = b.row(new Row(NONE + "-calls", NONE_CALLS_FIGURE));
        noneC.compare("sync agent", noneCalls, "full walk", walkCalls);
        Row prop = b.row(new Row(PROPAGATION, PROPAGATION_FIGURE));
        prop.compare("network (DHT discovery, sync agents)", propagation,
                "2 × the sync interval", new Series("s").add(2 * interval / 1000.0));
        prop.target = "≤ 2 × interval (issue 6's test)";
        prop.met = propagation.median() <= 2 * interval / 1000.0;
        prop.note = "from S1's 201 to S3's GET counting it (polled every 50 ms); sync interval " + interval + " ms";

        for (Procs.Child agent : agents) {
            Procs.close(agent);
        }
        for (ServerNode n : nodes) {
            Procs.close(n);
        }
    }

    private void notMeasured(String why) {
        b.row(Row.notMeasured(ONE, ONE_FIGURE, "–", why));
        b.row(Row.notMeasured(ONE + "-calls", ONE_CALLS_FIGURE, "O(1): independent of store size", why));
        b.row(Row.notMeasured(NONE, NONE_FIGURE, "–", why));
        b.row(Row.notMeasured(PROPAGATION, PROPAGATION_FIGURE, "≤ 2 × interval (issue 6's test)", why));
    }

    /** GET / per peer, then what the agent says it listed and fetched. */
    private static double calls(Map<String, String> round) {
        return intOf(round, "peers") + intOf(round, "folders_listed") + intOf(round, "blocks_fetched");
    }

    static int intOf(Map<String, String> round, String key) {
        try {
            return Integer.parseInt(round.getOrDefault(key, "-1").replaceAll("[^0-9-]", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static double awaitCount(Http api, String page, int count, long t0, Duration wait) throws IOException {
        long deadline = t0 + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Http.Reply r = api.get(page);
            if (r.status() == 200 && r.json().getInt("count") >= count) {
                return (System.nanoTime() - t0) / 1e9;
            }
            Procs.sleep(50);
        }
        throw new IllegalStateException("C did not serve the new comment within " + wait);
    }

    /** Reads an agent's log as it grows, for its {@code event=sync-round} lines. */
    static final class LogTail {
        private final Path file;
        private long offset;
        private final StringBuilder partial = new StringBuilder();

        LogTail(Path file) {
            this.file = file;
        }

        void skipToEnd() throws IOException {
            offset = Files.exists(file) ? Files.size(file) : 0;
            partial.setLength(0);
        }

        Map<String, String> await(java.util.function.Predicate<Map<String, String>> wanted, Duration wait)
                throws IOException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                for (String line : newLines()) {
                    if (line.contains("event=sync-round")) {
                        Map<String, String> r = parse(line.substring(line.indexOf("event=sync-round")));
                        if (wanted.test(r)) {
                            return r;
                        }
                    }
                }
                Procs.sleep(100);
            }
            throw new IllegalStateException("no such sync-round line in " + file + " within " + wait);
        }

        /** The round lines written since the last read. */
        List<Map<String, String>> drain() throws IOException {
            List<Map<String, String>> rounds = new ArrayList<>();
            for (String line : newLines()) {
                if (line.contains("event=sync-round")) {
                    rounds.add(parse(line.substring(line.indexOf("event=sync-round"))));
                }
            }
            return rounds;
        }

        private List<String> newLines() throws IOException {
            List<String> lines = new ArrayList<>();
            if (!Files.exists(file)) {
                return lines;
            }
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                if (f.length() <= offset) {
                    return lines;
                }
                f.seek(offset);
                byte[] bytes = new byte[(int) (f.length() - offset)];
                f.readFully(bytes);
                offset += bytes.length;
                partial.append(new String(bytes, StandardCharsets.UTF_8));
            }
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
                lines.add(partial.substring(0, nl));
                partial.delete(0, nl + 1);
            }
            return lines;
        }

        static Map<String, String> parse(String line) {
            Map<String, String> m = new LinkedHashMap<>();
            Matcher matcher = KV.matcher(line);
            while (matcher.find()) {
                m.put(matcher.group(1), matcher.group(2));
            }
            return m;
        }
    }

    /** Set-up only: the same files in another store, without fsync (durability is not measured here). */
    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (CommentFileName.idOf(p.getFileName().toString()).isPresent()) {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}

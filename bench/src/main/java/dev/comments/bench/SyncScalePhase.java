package dev.comments.bench;

import dev.comments.launch.Setting;
import dev.comments.launch.ServerSettings;
import dev.comments.launch.ServerLaunch;
import dev.comments.core.cid.Cid;
import dev.comments.core.dag.DagFolders;
import dev.comments.testkit.data.LargeStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Issue 17's sync rows, after {@link ScalePhase} on its server S (100,000 pages of one
 * comment and one page of 10,000): server B holds the same store but the last 20,000 pages,
 * publishes it, then runs the shipped sync agent with S as its one peer and its default
 * settings; the time until B serves S's whole tree. Then one comment posted on an old page of
 * S: the blocks B's next round reads, beside the depth of S's tree above that page.
 */
final class SyncScalePhase {

    static final int B_PAGES = ScalePhase.PAGES - 20_000;
    static final String CONVERGE = "sync-scale-converge";
    static final String CONVERGE_FIGURE = "B converges on A's 20,000 new pages (A: 100,000 pages), default settings";
    static final String ONE = "sync-scale-one";
    static final String ONE_FIGURE = "sync round, one change among 100,000 pages: blocks read (roots + folders + comments)";

    private final Bench b;

    SyncScalePhase(Bench b) {
        this.b = b;
    }

    void run(ServerNode a) throws Exception {
        Path jar = b.options.syncJar;
        if (!Files.isRegularFile(jar)) {
            notMeasured("not measured: sync agent not built (no sync-agent/target/sync-agent.jar)");
            return;
        }
        try {
            measure(a, jar);
        } catch (Exception | AssertionError e) {
            b.rows.removeIf(r -> r.id.startsWith("sync-scale"));
            notMeasured("not measured: the run failed: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    + " (logs under bench/target/)");
            System.err.println("bench: sync-scale phase failed");
            e.printStackTrace();
        }
    }

    private void measure(ServerNode a, Path jar) throws Exception {
        ServerNode bNode = ServerNode.startDaemon("B", Bench.IP_SCALE[2], b.work.resolve("scale-b"), b.networkIdHex,
                a.kubo.swarmAddress());
        b.log("sync-scale: writing " + B_PAGES + " of S's pages and its page of " + ScalePhase.BIG_PAGE + " into B's store");
        LargeStore.onePerPage(bNode.data(), B_PAGES);
        LargeStore.onOnePage(bNode.data(), ScalePhase.BIG_PAGE_HASH, ScalePhase.BIG_PAGE, ScalePhase.BIG_PAGE_TAG);
        bNode.startServer().awaitServer();
        if (bNode.awaitRoot().status() != 200) {
            throw new IllegalStateException("GET / of B did not answer 200 within 10 minutes");
        }
        String aRoot = a.http().get("").json().getString("cid");
        b.log("sync-scale: B publishes its store; starting its sync agent with S as its peer (S's root " + aRoot + ")");

        ServerSettings settings = bNode.settings.copy().with(Setting.SYNC_STATIC_PEERS, a.base().toString());
        Path log = b.work.resolve("logs/sync-agent-scale-B.log");
        long t0 = System.nanoTime();
        Procs.Child agent = Procs.start("sync agent B", ServerLaunch.syncAgent(jar).command(),
                bNode.data(), settings.env(), log, Duration.ofSeconds(10));
        SyncPhase.LogTail tail = new SyncPhase.LogTail(log);
        Duration limit = Duration.ofMinutes(15);
        while (!aRoot.equals(bNode.http().get("").json().getString("cid"))) {
            if (System.nanoTime() - t0 > limit.toNanos()) {
                throw new IllegalStateException("B did not serve S's root within " + limit);
            }
            Procs.sleep(250);
        }
        Series converge = new Series("s").add((System.nanoTime() - t0) / 1e9);
        List<Map<String, String>> rounds = tail.drain();
        String perRound = rounds.stream().map(r -> r.get("written") + " written in " + r.get("ms") + " ms")
                .collect(Collectors.joining("; "));
        b.log(String.format("sync-scale: B serves S's root after %.1f s, %d rounds", converge.median(), rounds.size()));

        // The round that brought the last pages may still be running when B's root already is
        // S's: let it end and one round find nothing new, so that the round measured below is
        // the change's alone (one sample once read that round's 1,710 blocks).
        tail.await(x -> SyncPhase.intOf(x, "written") == 0, Duration.ofMinutes(2));
        // One change: a comment on an old page of S, then B's round that writes it.
        String page = LargeStore.page(12_345);
        Series blocks = new Series("blocks");
        Series depth = new Series("blocks");
        List<Map<String, String>> oneRounds = new ArrayList<>();
        for (int i = 0; i < b.options.reps; i++) {
            tail.skipToEnd();
            Http.Reply posted = a.http().post(page, b.signed.comment(page, null, "sync-scale", i).fileBytes());
            if (posted.status() != 201) {
                throw new IllegalStateException("POST to S answered " + posted);
            }
            String root = a.http().get("").json().getString("cid");
            Map<String, String> r = tail.await(x -> SyncPhase.intOf(x, "written") >= 1, Duration.ofMinutes(2));
            oneRounds.add(r);
            blocks.add(SyncPhase.intOf(r, "roots_listed") + SyncPhase.intOf(r, "folders_listed")
                    + SyncPhase.intOf(r, "blocks_fetched"));
            depth.add(DagFolders.pathTo(Cid.parse(root), a.kubo.client().withTimeout(Duration.ofMinutes(1)).block::get, page).size() + 2);
        }
        b.memory.put("B: sync agent, 100,000 pages", Procs.rssMiB(agent.pid()));
        Procs.close(agent);
        Procs.close(bNode);

        Row c = b.row(new Row(CONVERGE, CONVERGE_FIGURE));
        c.compare("agent start to B's `GET /` = A's (every page, published)", converge,
                "2 minutes", new Series("s").add(120));
        c.target = "< 2 minutes, every page";
        c.met = converge.median() < 120;
        c.note = "default settings (a round cut short that brought comments is followed after 0.2 s): " + perRound;
        Row one = b.row(new Row(ONE, ONE_FIGURE));
        one.compare("B's round that took the comment", blocks,
                "depth of A's tree above the page + 2 (the folder, the comment)", depth);
        one.target = "≤ tree depth + 2";
        one.met = blocks.max() <= depth.min();
        one.note = "rounds: " + oneRounds;
    }

    private void notMeasured(String why) {
        b.row(Row.notMeasured(CONVERGE, CONVERGE_FIGURE, "< 2 minutes, every page", why));
        b.row(Row.notMeasured(ONE, ONE_FIGURE, "≤ tree depth + 2", why));
    }

}

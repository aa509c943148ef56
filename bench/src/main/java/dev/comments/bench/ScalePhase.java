package dev.comments.bench;

import dev.comments.testkit.kubo.KuboCli;
import dev.comments.testkit.data.LargeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Issue 17's rows: a server started on 100,000 pages of one comment and one page of 10,000
 * with an empty kubo repository, until its first {@code GET /}; {@code GET /} after one new
 * comment on a new page; kubo's repository beside the store. Each beside kubo's own
 * {@code ipfs add -r} of the same store, into an empty daemon, in the same run.
 */
final class ScalePhase {

    static final int PAGES = 100_000;
    static final int BIG_PAGE = 10_000;
    static final String BIG_PAGE_HASH = "b".repeat(64);
    static final String BIG_PAGE_TAG = "scale big page";
    /** Samples of `GET /` after one comment (the reference, a whole `add -r`, gets the usual reps). */
    static final int ONE_SAMPLES = 10;

    private final Bench b;

    ScalePhase(Bench b) {
        this.b = b;
    }

    void run() throws Exception {
        ServerNode s = ServerNode.startDaemon("S", Bench.IP_SCALE[0], b.work.resolve("scale"), b.networkIdHex);
        ServerNode ref = ServerNode.startDaemon("R", Bench.IP_SCALE[1], b.work.resolve("scale-ref"), b.networkIdHex);
        b.log("scale: writing " + PAGES + " pages of one comment and one page of " + BIG_PAGE + " into S's store");
        LargeStore.onePerPage(s.data(), PAGES);
        LargeStore.onOnePage(s.data(), BIG_PAGE_HASH, BIG_PAGE, BIG_PAGE_TAG);
        Path store = s.data().resolve("comments");

        Series refStart = new Series("ms");
        long r0 = System.nanoTime();
        KuboCli.addRecursive(ref.kubo, store);
        refStart.add((System.nanoTime() - r0) / 1e6);
        b.log(String.format("scale: ipfs add -r of the store into an empty daemon: %.0f ms", refStart.median()));

        Series start = new Series("ms");
        long s0 = System.nanoTime();
        s.startServer().awaitServer();
        Http http = s.http();
        if (s.awaitRoot().status() != 200) {
            throw new IllegalStateException("GET / of S did not answer 200 within 10 minutes");
        }
        start.add((System.nanoTime() - s0) / 1e6);
        b.log(String.format("scale: Payara start to the first GET / answered: %.0f ms", start.median()));
        Row started = b.row(new Row("scale-start", "server started on 100,000 pages + one of 10,000, empty kubo,"
                + " until the first `GET /`"));
        started.compare("Payara start, tree computed, one CAR imported, root pinned", start,
                "`ipfs add -r` of the store, empty daemon", refStart);
        started.target = "< 60 s";
        started.met = start.median() < 60_000;

        Series ours = new Series("ms");
        double firstChange = 0;
        Series whole = new Series("ms");
        // ours is cheap: more samples of it, the first of them the first change since the start
        for (int i = 0; i < Math.max(ONE_SAMPLES, b.options.reps); i++) {
            String page = Signed.randomPage();
            Http.Reply posted = http.post(page, b.signed.comment(page, null, "scale", i).fileBytes());
            if (posted.status() != 201) {
                throw new IllegalStateException("POST answered " + posted);
            }
            long g0 = System.nanoTime();
            Http.Reply root = http.get("");
            double ms = (System.nanoTime() - g0) / 1e6;
            ours.add(ms);
            if (i == 0) {
                firstChange = ms;
            }
            if (root.status() != 200) {
                throw new IllegalStateException("GET / answered " + root);
            }
            if (i < b.options.reps) {
                long a0 = System.nanoTime();
                KuboCli.hashRecursive(ref.kubo, store);
                whole.add((System.nanoTime() - a0) / 1e6);
            }
        }
        Row one = b.row(new Row("scale-one", "`GET /` after one new comment on a new page, 100,000 pages"));
        one.compare("the page's folder, the root nodes above it, one dag/import (the pin follows after the answer)", ours,
                "`ipfs add -r --only-hash` of the whole store", whole);
        one.ratioKind = Row.RatioKind.REF_OVER_OURS;
        one.target = "< 20 ms and ≥ 100 × faster";
        one.met = ours.median() < 20 && one.ratio() != null && one.ratio() >= 100;
        one.note = String.format("the first change after the start: %.1f ms; the pin follows the root after the answer", firstChange);

        Series repo = new Series("MiB");
        repo.add(bytesUnder(s.kubo.repo()) / (1024.0 * 1024));
        Series content = new Series("MiB");
        content.add(bytesUnder(store) / (1024.0 * 1024));
        Row size = b.row(new Row("scale-repo", "kubo repository ÷ store content, after the rows above"));
        size.compare("S's kubo repository", repo, "comment files in S's store", content);
        size.target = "≤ 3";
        size.met = size.ratio() != null && size.ratio() <= 3;
        b.memory.put("S: Payara Micro (server-war), 100,000 pages", Procs.rssMiB(s.payaraPid()));
        b.memory.put("S: kubo daemon, 100,000 pages", Procs.rssMiB(s.kuboPid()));
        Procs.close(ref);
        new SyncScalePhase(b).run(s);
        Procs.close(s);
    }

    private static long bytesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}

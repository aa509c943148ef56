package dev.comments.bench;

import dev.comments.core.json.Jsons;
import dev.comments.launch.Setting;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What a stamp (docs/protocol.md §3.9) costs at the minimum the shipped server.properties asks:
 * a reader's browser (the client's own worker script in headless Chromium, as many workers as
 * the client starts) against signing one unstamped comment there; and a spammer's core (one
 * thread of native Ed25519) against signing without a stamp, with what a million comments cost.
 * Both take a geometric number of tries: the spread between reps is wide by nature.
 */
final class StampPhase {

    static final String BROWSER = "stamp-browser";
    static final String SPAMMER = "stamp-spammer";
    static final String BROWSER_FIGURE = "stamp: one comment stamped in Chromium at the shipped minimum";
    static final String SPAMMER_FIGURE = "stamp: one comment stamped by a spammer's core (native Ed25519) at the shipped minimum";
    /** What a rented core costs, to turn core-hours into money: about $7 a month for a one-core VPS. */
    static final double DOLLARS_PER_CORE_HOUR = 0.01;

    private final Bench b;

    StampPhase(Bench b) {
        this.b = b;
    }

    void run() throws Exception {
        int bits = shippedBits(b.options.repo);
        b.log("stamp: the shipped server.properties asks for " + bits + " bits");
        spammer(bits);
        browser(bits);
    }

    /**
     * One thread of Node's WebCrypto (OpenSSL's native Ed25519 and SHA-256) running the protocol
     * package's stampComment: what a spammer without a browser pays per core. (The JVM's own
     * Ed25519 is about ten times slower per signature, so it would flatter the stamp.)
     */
    private void spammer(int bits) throws Exception {
        Path node = ClientPhase.browserNode(b.options.repo);
        if (!Files.isExecutable(node)) {
            b.row(Row.notMeasured(SPAMMER, SPAMMER_FIGURE, "–", "not measured: no Node 24 at " + node));
            return;
        }
        Path out = Files.createDirectories(b.work.resolve("stamp")).resolve("stamp-native.json");
        Path log = b.work.resolve("logs/stamp-native.log");
        int count = Math.max(3, b.options.reps) * 2;
        b.log("stamp: " + count + " comments stamped at " + bits + " bits by one thread of Node's WebCrypto");
        int code = ClientPhase.run(List.of(node.toString(), b.options.repo.resolve("bench/node/stamp-native.mjs").toString(),
                Jsons.object().add("bits", bits).add("count", count).build().toString(), out.toString()), log);
        if (code != 0 || !Files.exists(out)) {
            b.row(Row.notMeasured(SPAMMER, SPAMMER_FIGURE, "–", "not measured: the run failed (exit " + code + "); see " + log));
            return;
        }
        JsonObject result = Jsons.reader(new StringReader(Files.readString(out))).readObject();
        Series stamped = series(result.getJsonArray("stamp"), "ms");
        Row r = b.row(new Row(SPAMMER, SPAMMER_FIGURE).compare("stamped, one thread", stamped,
                "signed, no stamp", series(result.getJsonArray("sign"), "ms")));
        // The tries are geometric and a few reps say little about their mean; the rate does not
        // vary, so a comment's expected cost is 2^bits tries at the measured rate.
        double triesPerSecond = triesPerSecond(result);
        double coreHours = Math.pow(2, bits) / triesPerSecond * 1_000_000 / 3600;
        r.note = String.format(Locale.ROOT, "%,.0f tries a second; a million comments (2^%d tries each on average): %,.0f"
                + " core-hours, about $%,.0f at $%.2f per core-hour; each bit doubles it; tries taken: %s",
                triesPerSecond, bits, coreHours, coreHours * DOLLARS_PER_CORE_HOUR, DOLLARS_PER_CORE_HOUR, result.getJsonArray("tries"));
        r.raw.add("bits", bits).add("native", result).add("triesPerSecond", triesPerSecond).add("coreHoursPerMillion", coreHours);
    }

    private void browser(int bits) throws Exception {
        Path repo = b.options.repo;
        Path node = ClientPhase.browserNode(repo);
        Path dist = repo.resolve("client-site/dist");
        Path worker = null;
        if (Files.isDirectory(dist.resolve("assets"))) {
            try (Stream<Path> assets = Files.list(dist.resolve("assets"))) {
                worker = assets.filter(p -> p.getFileName().toString().matches("stamp-worker-.*\\.js")).findFirst().orElse(null);
            }
        }
        String why = worker == null ? "the client site's stamp worker is not built (npm run build in client-site)"
                : !Files.isDirectory(repo.resolve("node_modules/puppeteer-core")) ? "puppeteer-core not installed (npm ci at the repository root)"
                : !Files.isExecutable(node) ? "no Node 24 for puppeteer-core at " + node
                : !Files.isExecutable(Path.of("/usr/bin/chromium")) ? "no /usr/bin/chromium" : null;
        if (why != null) {
            b.row(Row.notMeasured(BROWSER, BROWSER_FIGURE, "–", "not measured: " + why));
            return;
        }
        Path dir = Files.createDirectories(b.work.resolve("stamp"));
        int port = Bench.freePort(Bench.IP_STATIC);
        Procs.Child serve = Procs.start("client-site serve.mjs (stamp)", List.of("node",
                repo.resolve("client-site/scripts/serve.mjs").toString(), "--host", Bench.IP_STATIC, "--port",
                String.valueOf(port)), repo.resolve("client-site"), Map.of(), dir.resolve("serve.log"), Duration.ofSeconds(5));
        String site = "http://" + Bench.IP_STATIC + ":" + port + "/";
        JsonObject args = Jsons.object().add("chromium", "/usr/bin/chromium").add("url", site)
                .add("worker", site + "assets/" + worker.getFileName()).add("bits", bits)
                .add("reps", Math.max(3, b.options.reps)).add("timeoutMs", 600_000).build();
        Path out = dir.resolve("stamp-time.json");
        Path log = b.work.resolve("logs/stamp-time.log");
        b.log("stamp: " + args.getInt("reps") + " comments stamped at " + bits + " bits in Chromium, at " + site);
        int code = ClientPhase.run(List.of(node.toString(), repo.resolve("bench/browser/stamp-time.mjs").toString(), args.toString(),
                out.toString()), log);
        Procs.close(serve);
        if (code != 0 || !Files.exists(out)) {
            b.row(Row.notMeasured(BROWSER, BROWSER_FIGURE, "–", "not measured: the browser run failed (exit " + code + "); see " + log));
            return;
        }
        JsonObject result = Jsons.reader(new StringReader(Files.readString(out))).readObject();
        Row r = b.row(new Row(BROWSER, BROWSER_FIGURE).compare("stamped, " + result.getInt("workers") + " workers",
                series(result.getJsonArray("stamp"), "ms"), "signed, no stamp, one worker", series(result.getJsonArray("sign"), "ms")));
        double rate = triesPerSecond(result);
        r.note = String.format(Locale.ROOT, "the client's own worker script (%s) in headless Chromium: %,.0f tries a second,"
                + " so %.2f s for the 2^%d tries a comment takes on average; tries taken: %s", worker.getFileName(), rate,
                Math.pow(2, bits) / rate, bits, result.getJsonArray("tries"));
        r.raw.add("browser", result);
    }

    /** All tries over all the time stamping took: the rate, which varies little, unlike the number of tries. */
    private static double triesPerSecond(JsonObject result) {
        double tries = result.getJsonArray("tries").getValuesAs(jakarta.json.JsonNumber.class).stream()
                .mapToDouble(jakarta.json.JsonNumber::doubleValue).sum();
        double ms = result.getJsonArray("stamp").getValuesAs(jakarta.json.JsonNumber.class).stream()
                .mapToDouble(jakarta.json.JsonNumber::doubleValue).sum();
        return tries / (ms / 1000);
    }

    /** stamp.min.bits as deploy/server.properties ships it: the number an operator starts from. */
    static int shippedBits(Path repo) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(repo.resolve("deploy/server.properties"))) {
            p.load(in);
        }
        return Integer.parseInt(p.getProperty(Setting.STAMP_MIN_BITS.key(), Setting.STAMP_MIN_BITS.defaultValue()));
    }

    private static Series series(JsonArray values, String unit) {
        Series s = new Series(unit);
        for (int i = 0; i < values.size(); i++) {
            s.add(values.getJsonNumber(i).doubleValue());
        }
        return s;
    }
}

package dev.comments.watcher.config;

import dev.comments.core.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one watcher supervises: its children in start order, its restart policy, and its
 * run folder (pid files, status). Read from a JSON file; without one, {@link DefaultChildren}
 * derives a whole server from the server's own configuration.
 */
public record WatcherConfig(Path runDir, Policy policy, List<ChildSpec> children) {

    public WatcherConfig {
        children = List.copyOf(children);
        if (children.stream().map(ChildSpec::name).distinct().count() != children.size()) {
            throw new IllegalArgumentException("two children have the same name");
        }
    }

    /**
     * Reads a watcher file:
     * <pre>{"runDir": "...", "policy": {"checkIntervalMs":..,"backoffInitialMs":..,"backoffMaxMs":..,
     *  "stableAfterMs":..,"maxRestarts":..,"windowMs":..,"failedRetryMs":..},
     *  "children": [{"name","command":[...],"workDir","env":{},"log",
     *   "probe":{"type":"kubo|http|heartbeat|none","target","timeoutMs","failures","maxAgeMs","periodMs"},
     *   "memoryLimitMb","memoryChecks","readyTimeoutMs","stopGraceMs","restartEveryMs","scratchDir"}]}</pre>
     * Omitted numbers take the defaults of {@link Policy#defaults()} and of this method.
     */
    public static WatcherConfig read(Path file) throws IOException {
        JsonObject o;
        try (Reader r = Files.newBufferedReader(file); JsonReader json = Jsons.reader(r)) {
            o = json.readObject();
        }
        Path base = file.toAbsolutePath().getParent();
        Policy d = Policy.defaults();
        JsonObject p = o.containsKey("policy") ? o.getJsonObject("policy") : JsonValue.EMPTY_JSON_OBJECT;
        Policy policy = new Policy(ms(p, "checkIntervalMs", d.checkInterval()), ms(p, "backoffInitialMs", d.backoffInitial()),
                ms(p, "backoffMaxMs", d.backoffMax()), ms(p, "stableAfterMs", d.stableAfter()),
                p.getInt("maxRestarts", d.maxRestarts()), ms(p, "windowMs", d.window()), ms(p, "failedRetryMs", d.failedRetry()));
        List<ChildSpec> children = new ArrayList<>();
        for (JsonObject c : o.getJsonArray("children").getValuesAs(JsonObject.class)) {
            children.add(child(c, base));
        }
        return new WatcherConfig(base.resolve(o.getString("runDir")), policy, children);
    }

    private static ChildSpec child(JsonObject c, Path base) {
        String name = c.getString("name");
        List<String> command = c.getJsonArray("command").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        Map<String, String> env = new LinkedHashMap<>();
        if (c.containsKey("env")) {
            c.getJsonObject("env").forEach((k, v) -> env.put(k, ((JsonString) v).getString()));
        }
        JsonObject pr = c.containsKey("probe") ? c.getJsonObject("probe") : null;
        ProbeSpec probe = pr == null ? ProbeSpec.none() : new ProbeSpec(
                ProbeSpec.Type.valueOf(pr.getString("type").toUpperCase(Locale.ROOT)), pr.getString("target", ""),
                ms(pr, "timeoutMs", ProbeSpec.DEFAULT_TIMEOUT), pr.getInt("failures", 3), ms(pr, "maxAgeMs", Duration.ofSeconds(90)),
                ms(pr, "periodMs", Duration.ofSeconds(5)));
        return new ChildSpec(name, command, base.resolve(c.getString("workDir", ".")), env,
                base.resolve(c.getString("log", name + ".log")), probe,
                c.getJsonNumber("memoryLimitMb") == null ? 0 : c.getJsonNumber("memoryLimitMb").longValue() * 1024 * 1024,
                c.getInt("memoryChecks", 3), ms(c, "readyTimeoutMs", Duration.ofSeconds(120)),
                ms(c, "stopGraceMs", Duration.ofSeconds(15)), ms(c, "restartEveryMs", Duration.ZERO),
                c.containsKey("scratchDir") ? base.resolve(c.getString("scratchDir")) : null);
    }

    private static Duration ms(JsonObject o, String key, Duration fallback) {
        return o.containsKey(key) ? Duration.ofMillis(o.getJsonNumber(key).longValue()) : fallback;
    }
}

package dev.comments.testkit.network;

import static org.awaitility.Awaitility.await;

import dev.comments.core.json.Jsons;
import dev.comments.testkit.Processes;
import dev.comments.testkit.Repository;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The built client site (client-site/dist) served on 127.0.0.1 by its own static server,
 * with a config.json for the local network written by its own script: bootstrap peers are the
 * given servers' daemons, and no server list: the page finds servers through the DHT.
 */
public final class ClientSite implements AutoCloseable {

    private final Process process;
    private final URI url;

    private ClientSite(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** Serves the site on 127.0.0.1:port, bootstrapped to (and gateways of) the given servers only. */
    public static ClientSite start(Path dir, int port, List<Server> bootstrapTo) throws IOException, InterruptedException {
        return start(dir, port, bootstrapTo, null);
    }

    /** The same, with one server the page reads from first (config "servers"), as a test may pin it. */
    public static ClientSite start(Path dir, int port, List<Server> bootstrapTo, Server readFirst)
            throws IOException, InterruptedException {
        return start(dir, port, bootstrapTo, readFirst, false);
    }

    /**
     * The same; {@code detached}: in a session of its own (setsid), so that it outlives the
     * caller (./dev up's launcher).
     */
    public static ClientSite start(Path dir, int port, List<Server> bootstrapTo, Server readFirst, boolean detached)
            throws IOException, InterruptedException {
        jakarta.json.JsonObject overrides = readFirst == null ? jakarta.json.JsonValue.EMPTY_JSON_OBJECT : Jsons.object()
                .add("servers", Jsons.array().add(readFirst.apiUrl().toString().replaceAll("/$", ""))).build();
        return startWithConfig(dir, port, bootstrapTo, overrides, detached);
    }

    /** The same, with some of config.json's keys set as a test needs them (client-site/README.md, "Configuration"). */
    public static ClientSite startWithConfig(Path dir, int port, List<Server> bootstrapTo, jakarta.json.JsonObject overrides,
            boolean detached)
            throws IOException, InterruptedException {
        Path root = Repository.root().resolve("client-site");
        if (!Files.isRegularFile(root.resolve("dist/index.html"))) {
            throw new IllegalStateException("client-site/dist is not built: ./dev test builds it"
                    + " (npm ci at the repository root, npm run build in client-site)");
        }
        Files.createDirectories(dir);
        Path config = dir.resolve("config-" + port + ".json");
        List<String> cmd = new ArrayList<>(List.of("node", root.resolve("scripts/local-config.mjs").toString()));
        for (Server s : bootstrapTo) {
            cmd.add("--server");
            cmd.add(s.ip());
        }
        cmd.add("--out");
        cmd.add(config.toString());
        Process write = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("client-config.log").toFile())).start();
        if (!write.waitFor(60, TimeUnit.SECONDS) || write.exitValue() != 0) {
            throw new IllegalStateException("local-config.mjs failed; see " + dir.resolve("client-config.log"));
        }
        if (!overrides.isEmpty()) {
            jakarta.json.JsonObject written;
            try (var r = Jsons.reader(Files.newBufferedReader(config))) {
                written = r.readObject();
            }
            var merged = Jsons.object(written);
            overrides.forEach(merged::add);
            Files.writeString(config, merged.build().toString());
        }
        List<String> serveCommand = new ArrayList<>(List.of("node", serveScript().toString(), "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--config", config.toString()));
        if (detached) {
            serveCommand.addFirst("setsid");
        }
        Process serve = new ProcessBuilder(serveCommand).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("client-serve-" + port + ".log").toFile())).start();
        ClientSite site = new ClientSite(serve, URI.create("http://127.0.0.1:" + port + "/"));
        HttpClient http = HttpClient.newHttpClient();
        await("the client site answers").atMost(Duration.ofSeconds(30)).until(() -> {
            if (!serve.isAlive()) {
                throw new AssertionError("serve.mjs exited with " + serve.exitValue());
            }
            try {
                return http.send(HttpRequest.newBuilder(site.url.resolve("config.json")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
        return site;
    }

    /** The static server of the built site; its path is on the server's command line. */
    public static Path serveScript() {
        return Repository.root().resolve("client-site/scripts/serve.mjs");
    }

    public long pid() {
        return process.pid();
    }

    public URI url() {
        return url;
    }

    /** The page of comments for one urlHash. */
    public String page(String urlHash) {
        return url + "#" + urlHash;
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(10));
    }
}

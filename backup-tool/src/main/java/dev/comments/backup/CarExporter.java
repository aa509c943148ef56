package dev.comments.backup;

import dev.comments.core.json.Jsons;
import dev.comments.core.cid.Cid;
import dev.comments.core.config.Config;
import dev.comments.core.kubo.KuboClient;
import dev.comments.core.network.UrlHash;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Exports what the running server publishes ({@code GET /}, or {@code GET /<urlHash>} for one
 * page) as a CAR, through the server's daemon ({@code dag/export}). The server is asked rather
 * than the store read, so that the CAR's root is exactly the CID other servers see.
 */
final class CarExporter {

    private final Config config;
    private final KuboClient kubo;

    CarExporter(Config config, KuboClient kubo) {
        this.config = config;
        this.kubo = kubo;
    }

    /** Writes the CAR to {@code target} (a .car file, or a folder that gets comments-<cid>.car); returns the file. */
    Path export(Path target, String page) throws IOException {
        if (page != null && !UrlHash.isValid(page)) {
            throw new IllegalArgumentException("not a urlHash (64 lowercase hex digits): " + page);
        }
        Cid root = publishedRoot(page == null ? "" : page);
        Path file = target.toString().endsWith(".car") ? target
                : Files.createDirectories(target).resolve((page == null ? "comments-" : "page-" + page + "-") + root + ".car");
        byte[] car = kubo.dag.export(root);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".export-", ".car.tmp");
        try {
            Files.write(tmp, car);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    private Cid publishedRoot(String path) throws IOException {
        URI uri = URI.create("http://" + config.httpHost() + ":" + config.httpPort() + "/" + path);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + r.statusCode() + ": " + r.body());
            }
            try (JsonReader json = Jsons.reader(new StringReader(r.body()))) {
                return Cid.parse(json.readObject().getString("cid"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + uri, e);
        } catch (java.net.ConnectException e) {
            throw new IllegalStateException("the server does not answer at " + uri + "; is it running?", e);
        }
    }
}

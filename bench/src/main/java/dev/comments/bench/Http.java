package dev.comments.bench;

import dev.comments.core.json.Jsons;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The API as a client sees it, HTTP/1.1 from a chosen loopback address, with a deadline long
 * enough for the slow cases the bench exists to show (the fixtures' Api gives up after 30 s).
 */
final class Http {

    static final Duration DEADLINE = Duration.ofSeconds(120);

    private final URI base;
    private final HttpClient client;

    Http(URI base, String sourceAddress) {
        this.base = base;
        try {
            this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .localAddress(InetAddress.getByName(sourceAddress)).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Reply(int status, String body) {
        JsonObject json() {
            return Jsons.reader(new StringReader(body)).readObject();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Reply get(String path) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Reply post(String path, byte[] body) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private Reply send(HttpRequest.Builder b) throws IOException {
        try {
            HttpResponse<String> r = client.send(b.timeout(DEADLINE).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}

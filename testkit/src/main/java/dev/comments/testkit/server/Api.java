package dev.comments.testkit.server;

import dev.comments.core.json.Jsons;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The comment server's HTTP API as a client sees it, from a chosen loopback source address. */
public final class Api {

    private final URI base;
    private final HttpClient http;

    public Api(URI base, String sourceAddress) {
        this.base = base;
        try {
            // HTTP/1.1 as browsers speak it on cleartext; see docs/adr/002 on h2c upgrades.
            this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .localAddress(InetAddress.getByName(sourceAddress))
                    .connectTimeout(Duration.ofSeconds(5)).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Api(URI base) {
        this(base, "127.0.0.1");
    }

    public URI base() {
        return base;
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path)).GET());
    }

    public Reply post(String path, byte[] body) {
        return post(path, body, "application/json");
    }

    public Reply post(String path, byte[] body, String contentType) {
        return postWithHeaders(path, body, contentType == null ? java.util.Map.of() : java.util.Map.of("Content-Type", contentType));
    }

    /** A POST with these headers only (no Content-Type unless among them). */
    public Reply postWithHeaders(String path, byte[] body, java.util.Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return send(b);
    }

    /** A POST whose length is not declared: sent chunked. */
    public Reply postChunked(String path, byte[] body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));
    }

    public Reply send(String method, String path, java.util.Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        return send(b);
    }

    /** Bytes written straight to a socket, for requests no well-behaved client sends. Returns the status line and headers. */
    public String raw(String request, byte[] body) throws IOException {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // the server may close early on an over-long body; its answer is still readable
            }
            InputStream in = s.getInputStream();
            return new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
        }
    }

    private Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer: status, body and headers. */
    public record Reply(int status, String body, HttpResponse<String> response) {

        public JsonObject json() {
            try {
                return Jsons.reader(new StringReader(body)).readObject();
            } catch (RuntimeException e) {
                throw new AssertionError("not a JSON object (status " + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}

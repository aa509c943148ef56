package dev.comments.sync.pull;

import dev.comments.core.json.Jsons;
import dev.comments.core.cid.Cid;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one HTTP call the agent makes to a peer: {@code GET /} → {@code {"cid": "<root>"}}
 * (docs/protocol.md §5). Bounded like everything a peer sends: one deadline for the whole
 * exchange, at most {@link #MAX_ANSWER} bytes, no redirects, and the answer must be a
 * folder CID (dag-pb) or the peer is {@link PeerException.Kind#INVALID}.
 */
public final class PeerApi implements AutoCloseable {

    /** {@code {"cid":"…"}} is under 100 bytes; a little room for white space. */
    static final int MAX_ANSWER = 4096;

    private final HttpClient http;
    private final Duration timeout;

    public PeerApi(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    /** The peer's whole-tree CID. */
    public Cid root(URI base) throws PeerException {
        HttpResponse<byte[]> response = get(HttpRequest.newBuilder(base).header("Accept", "application/json"), MAX_ANSWER);
        if (response.statusCode() == 503 && isBusy(response.body())) {
            throw new PeerException(PeerException.Kind.BUSY, "GET " + base + " answered 503 (busy or rebuilding)");
        }
        if (response.statusCode() != 200) {
            throw new PeerException(PeerException.Kind.UNREACHABLE, "GET " + base + " answered " + response.statusCode());
        }
        return parse(base, response.body());
    }

    /** The body of a GET that answered 200, at most {@code limit} bytes (another operator's withheld list, say). */
    public byte[] text(URI url, int limit) throws PeerException {
        HttpResponse<byte[]> response = get(HttpRequest.newBuilder(url), limit);
        if (response.statusCode() != 200) {
            throw new PeerException(PeerException.Kind.UNREACHABLE, "GET " + url + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** One GET within the deadline, its body cut at {@code limit} bytes; any failure is UNREACHABLE. */
    private HttpResponse<byte[]> get(HttpRequest.Builder builder, int limit) throws PeerException {
        HttpRequest request = builder.timeout(timeout).GET().build();
        URI url = request.uri();
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request, info -> new BoundedBody(limit));
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new PeerException(PeerException.Kind.UNREACHABLE, "GET " + url + " did not finish within " + timeout);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new PeerException(PeerException.Kind.UNREACHABLE, "interrupted during GET " + url);
        } catch (ExecutionException e) {
            throw new PeerException(PeerException.Kind.UNREACHABLE, "GET " + url + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** docs/protocol.md: 503 "busy" and "rebuilding" say the server works and will answer soon. */
    private static boolean isBusy(byte[] body) {
        try (JsonReader reader = Jsons.reader(new ByteArrayInputStream(body))) {
            String error = reader.readObject().getString("error", "");
            return error.equals("busy") || error.equals("rebuilding");
        } catch (RuntimeException e) {
            return false;
        }
    }

    static Cid parse(URI base, byte[] body) throws PeerException {
        Cid cid;
        try (JsonReader reader = Jsons.reader(new ByteArrayInputStream(body))) {
            JsonObject o = reader.readObject();
            cid = Cid.parse(((JsonString) o.get("cid")).getString());
        } catch (RuntimeException e) {
            throw new PeerException(PeerException.Kind.INVALID, "GET " + base + " did not answer {\"cid\": <folder CID>}: " + e, e);
        }
        if (cid.codec() != Cid.DAG_PB) {
            throw new PeerException(PeerException.Kind.INVALID, "GET " + base + " answered " + cid + ", which is not a folder");
        }
        return cid;
    }

    @Override
    public void close() {
        http.close();
    }
}

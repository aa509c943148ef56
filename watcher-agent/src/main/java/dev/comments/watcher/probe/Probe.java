package dev.comments.watcher.probe;

import dev.comments.watcher.config.ProbeSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Asks a child, as its {@link ProbeSpec} says, whether it is alive and whether it is ready. */
public final class Probe {

    /** What one probe saw. */
    public enum Result { READY, ALIVE, FAILED }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    private final ProbeSpec spec;
    private String lastFailure = "";

    public Probe(ProbeSpec spec) {
        this.spec = spec;
    }

    public String lastFailure() {
        return lastFailure;
    }

    public Result check(Instant childStarted) {
        try {
            return switch (spec.type()) {
                case NONE -> Result.READY;
                case KUBO -> status(HttpRequest.newBuilder(URI.create(spec.target() + "/api/v0/id"))
                        .POST(HttpRequest.BodyPublishers.noBody())) == 200 ? Result.READY : fail("kubo id did not answer 200");
                case HTTP -> http();
                case HEARTBEAT -> heartbeat(childStarted);
            };
        } catch (IOException e) {
            return fail(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    private Result http() throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(spec.target())).timeout(spec.timeout()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
            return Result.READY;
        }
        // The server answers 503 with its JSON while its daemon is away: alive, not ready.
        // While Payara is still deploying, the container answers without that JSON.
        return r.body().contains("\"status\"") ? Result.ALIVE : fail("health answered " + r.statusCode());
    }

    private Result heartbeat(Instant childStarted) throws IOException {
        Path file = Path.of(spec.target());
        try {
            Instant touched = Files.getLastModifiedTime(file).toInstant();
            Instant since = touched.isAfter(childStarted) ? touched : childStarted;
            return Duration.between(since, Instant.now()).compareTo(spec.maxAge()) <= 0
                    ? Result.READY : fail("heartbeat " + file + " is older than " + spec.maxAge());
        } catch (NoSuchFileException e) {
            return Duration.between(childStarted, Instant.now()).compareTo(spec.maxAge()) <= 0
                    ? Result.READY : fail("no heartbeat at " + file);
        }
    }

    private int status(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(spec.timeout()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Result fail(String why) {
        lastFailure = why;
        return Result.FAILED;
    }
}

package dev.comments.core.kubo;

import dev.comments.core.json.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The wire under {@link KuboClient}: one POST per call, a deadline for the whole call
 * (headers and body), kubo's error body turned into {@link KuboException}, and no
 * retries.
 *
 * <p>The deadline is enforced here rather than by {@code HttpRequest.timeout}, which
 * only covers the wait for response headers: a streamed answer could otherwise trickle
 * on for ever.
 *
 * <p>kubo reports an error that happens after a streamed answer has started only in an
 * HTTP trailer ({@code X-Stream-Error}), and {@code java.net.http} drops trailers. The
 * commands therefore check the content of a stream (the routing commands send their
 * errors as events, {@code add} must end with the root entry, {@code repo/gc} sends
 * {@code Error} objects).
 */
final class KuboRpc {

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    KuboRpc(HttpClient http, URI base, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a timeout must be positive: " + timeout);
        }
        this.http = http;
        this.base = base;
        this.timeout = timeout;
    }

    KuboRpc withTimeout(Duration other) {
        return new KuboRpc(http, base, other);
    }

    URI base() {
        return base;
    }

    Duration timeout() {
        return timeout;
    }

    HttpClient http() {
        return http;
    }

    /** The whole answer as bytes (block/get, cat). */
    byte[] bytes(Command command) {
        return await(command, http.sendAsync(request(command), whenOk(command, BodySubscribers.ofByteArray())), null);
    }

    /** A call whose answer, if any, is ignored (files/cp, files/rm, files/mkdir answer nothing). */
    void run(Command command) {
        bytes(command);
    }

    /** A single JSON object, read into the caller's type. */
    <T> T json(Command command, Function<JsonObject, T> read) {
        byte[] body = bytes(command);
        String text = new String(body, StandardCharsets.UTF_8);
        try (JsonReader reader = Jsons.reader(new ByteArrayInputStream(body))) {
            return read.apply(reader.readObject());
        } catch (JsonException | IllegalStateException | IllegalArgumentException | NullPointerException
                 | ClassCastException e) {
            throw unreadable(command, text, e);
        }
    }

    /** A newline-delimited JSON stream, handed over object by object until the handler stops it or it ends. */
    void stream(Command command, NdjsonSubscriber.ObjectHandler handler) {
        NdjsonSubscriber subscriber = new NdjsonSubscriber(handler);
        await(command, http.sendAsync(request(command), whenOk(command, subscriber)), subscriber);
    }

    private static KuboException unreadable(Command command, String answer, Exception cause) {
        String shown = answer.length() <= 200 ? answer : answer.substring(0, 197) + "...";
        return new KuboException(command.name(), 200, "kubo " + command.name()
                + " answered something this client cannot read (" + cause.getMessage() + "): " + shown, cause);
    }

    private HttpRequest request(Command command) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + command.pathAndQuery()))
                // Only the wait for headers; the whole call's deadline is in await().
                .timeout(timeout);
        if (command.body() != null) {
            builder.header("Content-Type", command.contentType()).POST(command.body());
        } else {
            builder.POST(HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    /** 200 goes to the given subscriber; any other status is read whole and becomes a KuboException. */
    private static <T> BodyHandler<T> whenOk(Command command, BodySubscriber<T> onOk) {
        return info -> {
            if (info.statusCode() == 200) {
                return onOk;
            }
            return BodySubscribers.mapping(BodySubscribers.ofByteArray(), body -> {
                throw kuboError(command, info.statusCode(), new String(body, StandardCharsets.UTF_8));
            });
        };
    }

    /** kubo's error body is {@code {"Message","Code","Type":"error"}}; 404/405 come as plain text. */
    private static KuboException kuboError(Command command, int status, String body) {
        String message = body.strip();
        try (JsonReader reader = Jsons.reader(new java.io.StringReader(body))) {
            JsonObject error = reader.readObject();
            if (error.get("Message") instanceof JsonString text) {
                message = text.getString();
            }
        } catch (JsonException | IllegalStateException notJson) {
            // keep the plain text, e.g. "404 page not found" for an unknown command
        }
        return new KuboException(command.name(), status, message.isEmpty() ? "(empty answer)" : message);
    }

    private <T> T await(Command command, CompletableFuture<HttpResponse<T>> call, NdjsonSubscriber stream) {
        try {
            return call.get(timeout.toNanos(), TimeUnit.NANOSECONDS).body();
        } catch (TimeoutException e) {
            abandon(call, stream);
            throw new KuboException(command.name(), KuboException.NO_ANSWER,
                    "kubo " + command.name() + " at " + base + " did not finish within " + timeout, e);
        } catch (InterruptedException e) {
            abandon(call, stream);
            Thread.currentThread().interrupt();
            throw new KuboException(command.name(), KuboException.NO_ANSWER,
                    "interrupted while waiting for kubo " + command.name(), e);
        } catch (ExecutionException e) {
            throw translate(command, e.getCause());
        }
    }

    private static void abandon(CompletableFuture<?> call, NdjsonSubscriber stream) {
        call.cancel(true); // aborts the exchange and closes its connection
        if (stream != null) {
            stream.stop();
        }
    }

    private KuboException translate(Command command, Throwable cause) {
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof KuboException kubo) {
            return kubo;
        }
        if (cause instanceof ConnectException) {
            return new KuboException(command.name(), KuboException.NO_ANSWER,
                    "cannot reach kubo's RPC at " + base + " (" + command.name()
                            + "): connection refused; is the daemon running?", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new KuboException(command.name(), KuboException.NO_ANSWER,
                    "kubo " + command.name() + " at " + base + " did not answer within " + timeout, cause);
        }
        if (cause instanceof IOException) {
            return new KuboException(command.name(), KuboException.NO_ANSWER,
                    "connection to kubo's RPC at " + base + " failed during " + command.name() + ": " + cause, cause);
        }
        if (cause instanceof IllegalStateException || cause instanceof IllegalArgumentException
                || cause instanceof NullPointerException || cause instanceof ClassCastException) {
            // a streamed object that is not JSON, or lacks a field, or holds a CID we refuse
            return new KuboException(command.name(), 200,
                    "kubo " + command.name() + " answered something this client cannot read: " + cause.getMessage(), cause);
        }
        return new KuboException(command.name(), KuboException.NO_ANSWER,
                "kubo " + command.name() + " failed unexpectedly: " + cause, cause);
    }
}

package dev.comments.core.kubo;

import dev.comments.core.json.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads kubo's streamed answers (newline-delimited JSON) one object at a time, as the
 * bytes arrive, and hands each object to the caller's {@link ObjectHandler}. When the
 * handler says {@link Next#STOP} the subscription is cancelled, which closes the
 * connection: a provider search can end at the Nth provider without waiting for the
 * DHT query to run its course.
 *
 * <p>Written by hand rather than with {@code BodySubscribers.fromLineSubscriber}
 * because that one never completes once its downstream cancels, and an early stop is
 * the point here. Lines are split on the byte '\n', which never occurs inside a UTF-8
 * multi-byte sequence, so decoding each complete line is safe.
 */
final class NdjsonSubscriber implements BodySubscriber<Void> {

    enum Next { MORE, STOP }

    @FunctionalInterface
    interface ObjectHandler {
        Next accept(JsonObject object);
    }

    private final ObjectHandler handler;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private volatile Flow.Subscription subscription;

    NdjsonSubscriber(ObjectHandler handler) {
        this.handler = handler;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1); // one chunk at a time: a slow handler holds kubo back, not our heap
    }

    @Override
    public void onNext(List<ByteBuffer> chunk) {
        if (done.isDone()) {
            return;
        }
        try {
            for (ByteBuffer buffer : chunk) {
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b != '\n') {
                        line.write(b);
                    } else if (deliverLine() == Next.STOP) {
                        stop();
                        return;
                    }
                }
            }
        } catch (RuntimeException e) {
            subscription.cancel();
            done.completeExceptionally(e);
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        done.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        try {
            deliverLine(); // a last line without its newline
            done.complete(null);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    @Override
    public CompletionStage<Void> getBody() {
        return done;
    }

    /** Stops reading: the caller has what it needs, or its deadline has passed. */
    void stop() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        done.complete(null);
    }

    private Next deliverLine() {
        if (line.size() == 0) {
            return Next.MORE;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.isBlank()) {
            return Next.MORE;
        }
        JsonObject object;
        try (JsonReader reader = Jsons.reader(new StringReader(text))) {
            object = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalStateException("not a JSON object in kubo's stream: " + abbreviate(text), e);
        }
        return handler.accept(object);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }
}

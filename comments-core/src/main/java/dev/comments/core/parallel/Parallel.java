package dev.comments.core.parallel;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Blocking work on many items at once, for work that waits (an fsync, a block asked of a
 * daemon) rather than computes: {@code width} virtual threads, results in the items' order,
 * and every item finished before it returns. The store's group commit and the folder walk
 * share it; the sync agent's Prefetch differs on purpose (it drops a failed item and goes on).
 */
public final class Parallel {

    private Parallel() {
    }

    /** What is done to one item; it may fail with an IOException. */
    @FunctionalInterface
    public interface Work<T, R> {
        R apply(T item) throws IOException;
    }

    /**
     * {@code work} of every item, at most {@code width} at a time (one by one, on this thread,
     * for one item or a width of 1). Throws the first item's failure, by the items' order,
     * once every item has run: an IOException or unchecked exception as it was thrown.
     */
    public static <T, R> List<R> map(List<T> items, int width, Work<T, R> work) throws IOException {
        if (items.size() <= 1 || width <= 1) {
            List<R> out = new ArrayList<>(items.size());
            for (T item : items) {
                out.add(work.apply(item));
            }
            return out;
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(width, items.size()),
                Thread.ofVirtual().name("parallel-", 0).factory())) {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> work.apply(item)));
            }
            List<R> out = new ArrayList<>(items.size());
            Throwable failure = null;
            for (Future<R> future : futures) {
                try {
                    out.add(future.get());
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for parallel work");
                }
            }
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return out;
        }
    }

    /** As {@link #map} for work that throws no checked exception. */
    public static <T, R> List<R> mapUnchecked(List<T> items, int width, java.util.function.Function<T, R> work) {
        try {
            return map(items, width, work::apply);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // only an interruption gets here
        }
    }
}

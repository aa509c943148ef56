package dev.comments.core.store;

import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.lifecycle.Lifecycle;
import dev.comments.core.lifecycle.LifecycleGate;
import dev.comments.core.store.CommentStore.WriteResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit for concurrent writers: one committer thread takes every comment waiting
 * in the queue and writes them with one {@link CommentStore#writeAll}, so N concurrent
 * posts cost one folder fsync instead of N, and no post is acknowledged before its
 * bytes are on disk. The queue is bounded: when it is full, {@link #submit} refuses at
 * once rather than building an unbounded backlog.
 *
 * <p>A long-running part ({@link Lifecycle}): {@link #start()} starts the committer; comments
 * submitted before it wait in the queue. {@link #stop()} refuses new comments, lets the
 * committer write what is queued and returns once it has ended; past {@link #GRACE} the
 * committer is interrupted, and what it had not made durable fails (never acknowledged).
 * {@link #close()} is {@link #stop()}, for try-with-resources.
 */
public final class GroupCommitWriter implements Lifecycle, AutoCloseable {

    /** How long a stop waits for the queue to be written. */
    public static final Duration GRACE = Duration.ofSeconds(10);

    private static final int MAX_BATCH = 256;

    private final CommentStore store;
    private final BlockingQueue<Pending> queue;
    private final Thread committer;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final LifecycleGate gate = new LifecycleGate("a group commit writer");
    private volatile boolean closed;

    public GroupCommitWriter(CommentStore store, int capacity, ThreadFactory threads) {
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.committer = threads.newThread(this::commitLoop);
        this.committer.setName("comment-group-commit");
    }

    @Override
    public void start() {
        gate.start(committer::start);
    }

    /** Queues a comment; the future completes once it is durable. Returns null when the queue is full. */
    public CompletableFuture<WriteResult> submit(VerifiedComment comment) {
        if (closed) {
            throw new IllegalStateException("the writer is closed");
        }
        Pending p = new Pending(comment, new CompletableFuture<>());
        return queue.offer(p) ? p.done : null;
    }

    public int queued() {
        return queue.size();
    }

    /** Group commits done so far; fewer than comments written when posts arrive together. */
    public long batches() {
        return batches.get();
    }

    public long written() {
        return written.get();
    }

    private void commitLoop() {
        List<Pending> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.clear();
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        failQueued();
    }

    private void failQueued() {
        for (Pending p : queue) {
            p.done.completeExceptionally(new IOException("the store is shutting down"));
        }
    }

    private void commit(List<Pending> batch) {
        try {
            List<WriteResult> results = store.writeAll(batch.stream().map(Pending::comment).toList());
            batches.incrementAndGet();
            written.addAndGet(results.stream().filter(r -> r == WriteResult.CREATED).count());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done.complete(results.get(i));
            }
        } catch (IOException | RuntimeException e) {
            for (Pending p : batch) {
                p.done.completeExceptionally(e);
            }
        }
    }

    @Override
    public void stop() {
        gate.stop(this::closeAndJoin);
    }

    /** A committer that never started has nothing to write: the queue's comments fail here instead. */
    private void closeAndJoin() {
        closed = true;
        try {
            if (committer.isAlive()) {
                committer.join(GRACE.toMillis());
                committer.interrupt(); // past the grace (a no-op on a thread that ended)
            } else {
                failQueued();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private record Pending(VerifiedComment comment, CompletableFuture<WriteResult> done) {
    }
}

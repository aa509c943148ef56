package dev.comments.core.store;

import static dev.comments.testkit.data.TestComments.PAGE;
import static dev.comments.testkit.data.TestComments.comment;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.network.UrlHash;
import dev.comments.core.store.CommentStore.WriteResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitWriterTest {

    @TempDir
    Path data;

    /** Holds the committer back until released, so that a test decides what is queued when it starts. */
    static final class HeldThreads implements ThreadFactory {
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Thread newThread(Runnable r) {
            return new Thread(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    return;
                }
                r.run();
            });
        }
    }

    @Test
    void postsThatArriveTogetherShareOneCommitAndAllLand() throws Exception {
        CommentStore store = CommentStore.open(data);
        HeldThreads threads = new HeldThreads();
        try (GroupCommitWriter writer = new GroupCommitWriter(store, 100, threads)) {
            writer.start();
            List<VerifiedComment> comments = new ArrayList<>();
            List<CompletableFuture<WriteResult>> done = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                comments.add(comment(PAGE, "together " + i));
                done.add(writer.submit(comments.get(i)));
            }
            done.add(writer.submit(comments.get(0))); // the same comment twice in one batch
            threads.release.countDown();
            for (int i = 0; i < 50; i++) {
                assertEquals(WriteResult.CREATED, done.get(i).get());
                assertArrayEquals(comments.get(i).fileBytes(),
                        store.read(new UrlHash(PAGE), comments.get(i).id()).orElseThrow());
            }
            assertEquals(WriteResult.EXISTED, done.get(50).get());
            assertEquals(1, writer.batches(), "one group commit for everything that was waiting");
            assertEquals(50, writer.written());
        }
    }

    @Test
    void aFullQueueRefusesAtOnceInsteadOfGrowing() throws Exception {
        CommentStore store = CommentStore.open(data);
        HeldThreads threads = new HeldThreads();
        try (GroupCommitWriter writer = new GroupCommitWriter(store, 2, threads)) {
            writer.start();
            assertNotNull(writer.submit(comment(PAGE, "a")));
            assertNotNull(writer.submit(comment(PAGE, "b")));
            assertNull(writer.submit(comment(PAGE, "c")), "a third post finds the queue full");
            assertEquals(2, writer.queued());
            threads.release.countDown();
        }
        assertEquals(2, store.list(new UrlHash(PAGE)).size());
    }

    /** The Lifecycle contract: starts once, stops any number of times, its committer gone when stop returns. */
    @Test
    void startsOnceAndStopsAnyNumberOfTimesWithItsCommitterGone() throws Exception {
        CommentStore store = CommentStore.open(data);
        List<Thread> made = new ArrayList<>();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r);
            made.add(t);
            return t;
        };
        GroupCommitWriter writer = new GroupCommitWriter(store, 10, threads);
        writer.start();
        assertThrows(IllegalStateException.class, writer::start, "a writer starts once");
        writer.stop();
        assertFalse(made.getFirst().isAlive(), "the committer is done when stop returns");
        writer.stop();
        assertThrows(IllegalStateException.class, () -> writer.submit(comment(PAGE, "late")));
    }

    @Test
    void stoppedBeforeItStartsItFailsWhatWasQueuedAndNeverCommits() throws Exception {
        CommentStore store = CommentStore.open(data);
        GroupCommitWriter writer = new GroupCommitWriter(store, 10, Thread::new);
        CompletableFuture<WriteResult> queued = writer.submit(comment(PAGE, "never written"));
        writer.stop();
        writer.stop();
        assertTrue(queued.isCompletedExceptionally(), "failed rather than left waiting");
        writer.start();
        assertEquals(0, writer.batches());
        assertTrue(store.list(new UrlHash(PAGE)).isEmpty());
    }
}

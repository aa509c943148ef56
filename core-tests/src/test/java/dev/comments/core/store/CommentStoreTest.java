package dev.comments.core.store;

import static dev.comments.testkit.data.TestComments.PAGE;
import static dev.comments.testkit.data.TestComments.comment;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.network.UrlHash;
import dev.comments.core.store.CommentStore.WriteResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommentStoreTest {

    private static final UrlHash P = new UrlHash(PAGE);

    @TempDir
    Path data;

    @Test
    void writesReadsAndListsAComment() throws Exception {
        CommentStore store = CommentStore.open(data);
        VerifiedComment c = comment(PAGE, "first");
        assertEquals(WriteResult.CREATED, store.write(c));
        assertEquals(List.of(c.id()), store.list(P));
        assertArrayEquals(c.fileBytes(), store.read(P, c.id()).orElseThrow());
        assertTrue(Files.isRegularFile(data.resolve("comments").resolve(PAGE).resolve(c.id() + ".json")));
        assertEquals(List.of(P), store.pages());
    }

    @Test
    void aBatchAcrossPagesLandsWholeAndItsFilesAreNamedAndDescribedOneByOne() throws Exception {
        CommentStore store = CommentStore.open(data);
        assertEquals(System.getProperty("os.name").equals("Linux"), store.flushesWholeBatches(),
                "on Linux a group commit is two syncfs calls, not an fsync per file");
        batchLandsWhole(store);
    }

    /** Where syncfs is not available (or turned off), each file and folder is fsynced: the same result. */
    @Test
    void withoutSyncfsABatchLandsTheSame() throws Exception {
        System.setProperty("comments.store.noSyncfs", "true");
        try {
            CommentStore store = CommentStore.open(data);
            assertFalse(store.flushesWholeBatches());
            batchLandsWhole(store);
        } finally {
            System.clearProperty("comments.store.noSyncfs");
        }
    }

    private void batchLandsWhole(CommentStore store) throws Exception {
        List<VerifiedComment> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add(comment(String.format("%064x", i + 1), "batch " + i));
        }
        batch.add(batch.get(3)); // the same comment twice in one batch: stored once
        List<WriteResult> results = store.writeAll(batch);
        assertEquals(40, results.stream().filter(r -> r == WriteResult.CREATED).count(), results.toString());
        assertEquals(WriteResult.EXISTED, results.get(40));
        assertNoTempFiles();
        for (VerifiedComment c : batch) {
            UrlHash page = new UrlHash(c.comment().url());
            assertEquals(List.of(c.fileName()), store.names(page));
            CommentStore.StoredFile file = store.file(page, c.id()).orElseThrow();
            assertEquals(c.fileBytes().length, file.size());
        }
        assertEquals(List.of(), store.names(new UrlHash("e".repeat(64))), "a page without a folder has no names");
        assertTrue(store.file(P, Cid.ofRaw(new byte[] {1})).isEmpty(), "no such comment");
    }

    @Test
    void aSecondWriteOfTheSameIdReportsThatItExisted() throws Exception {
        CommentStore store = CommentStore.open(data);
        VerifiedComment c = comment(PAGE, "once");
        assertEquals(WriteResult.CREATED, store.write(c));
        assertEquals(WriteResult.EXISTED, store.write(c));
        assertEquals(1, store.list(P).size());
    }

    @Test
    void anUnknownPageIsEmpty() throws Exception {
        CommentStore store = CommentStore.open(data);
        assertEquals(List.of(), store.list(new UrlHash("a".repeat(64))));
        assertTrue(store.read(P, Cid.ofRaw(new byte[] {1})).isEmpty());
    }

    @Test
    void concurrentWritersOfOneIdCreateItExactlyOnce() throws Exception {
        CommentStore store = CommentStore.open(data);
        VerifiedComment c = comment(PAGE, "contended");
        List<WriteResult> results = runConcurrently(16, i -> store.write(c));
        assertEquals(1, results.stream().filter(r -> r == WriteResult.CREATED).count(), results.toString());
        assertEquals(List.of(c.id()), store.list(P));
        assertNoTempFiles();
    }

    @Test
    void concurrentWritersOfDistinctIdsAllLand() throws Exception {
        CommentStore store = CommentStore.open(data);
        List<VerifiedComment> comments = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            comments.add(comment(i % 2 == 0 ? PAGE : "b".repeat(64), "comment " + i));
        }
        List<WriteResult> results = runConcurrently(64, i -> store.write(comments.get(i)));
        assertTrue(results.stream().allMatch(r -> r == WriteResult.CREATED));
        Set<Cid> stored = new HashSet<>(store.list(P));
        stored.addAll(store.list(new UrlHash("b".repeat(64))));
        assertEquals(comments.stream().map(VerifiedComment::id).collect(java.util.stream.Collectors.toSet()), stored);
        assertNoTempFiles();
    }

    @Test
    void aCrashBetweenWriteAndRenameLeavesATempFileThatIsNeverReadAndIsCleaned() throws Exception {
        CommentStore store = CommentStore.open(data);
        VerifiedComment c = comment(PAGE, "crashed mid-write");
        store.write(comment(PAGE, "an earlier one"));
        // What a writer killed after its write and before its link leaves: a temp file named with its pid.
        long deadPid = deadProcessId();
        Path folder = data.resolve("comments").resolve(PAGE);
        Path leftover = folder.resolve("." + c.id() + "." + deadPid + ".0123abcd.tmp");
        Files.write(leftover, java.util.Arrays.copyOf(c.fileBytes(), 10));

        assertFalse(store.list(P).contains(c.id()), "a temp file is never listed as a comment");
        assertTrue(store.read(P, c.id()).isEmpty(), "a temp file is never read as a comment");

        CommentStore.open(data);
        assertFalse(Files.exists(leftover), "opening the store removes dead writers' temp files");
        assertEquals(1, store.list(P).size());
        assertEquals(WriteResult.CREATED, store.write(c), "the comment can still be written afterwards");
    }

    @Test
    void aLiveWritersTempFileIsLeftAlone() throws Exception {
        CommentStore store = CommentStore.open(data);
        store.write(comment(PAGE, "x"));
        VerifiedComment c = comment(PAGE, "in flight");
        Path inFlight = data.resolve("comments").resolve(PAGE)
                .resolve("." + c.id() + "." + ProcessHandle.current().pid() + ".ff.tmp");
        Files.write(inFlight, c.fileBytes());
        CommentStore.open(data);
        assertTrue(Files.exists(inFlight));
    }

    @Test
    void symbolicLinksAreNeverFollowed() throws Exception {
        Path outside = Files.createDirectories(data.resolve("outside"));
        VerifiedComment c = comment(PAGE, "target");
        Files.write(outside.resolve(c.id() + ".json"), c.fileBytes());
        CommentStore store = CommentStore.open(data);

        // A page folder that is a link to elsewhere is not a page.
        UrlHash linked = new UrlHash("c".repeat(64));
        Files.createSymbolicLink(data.resolve("comments").resolve(linked.hex()), outside);
        assertEquals(List.of(), store.list(linked));
        assertFalse(store.pages().contains(linked));
        assertThrows(IOException.class, () -> store.write(comment(linked.hex(), "through a link")));
        assertEquals(1, Files.list(outside).count(), "nothing was written through the link");

        // A comment file that is a link is neither listed nor read.
        Path folder = Files.createDirectories(data.resolve("comments").resolve(PAGE));
        Files.createSymbolicLink(folder.resolve(c.id() + ".json"), outside.resolve(c.id() + ".json"));
        assertEquals(List.of(), store.list(P));
        assertTrue(store.read(P, c.id()).isEmpty());
    }

    @Test
    void theStoreRootMayNotBeALink() throws Exception {
        Path elsewhere = Files.createDirectories(data.resolve("elsewhere"));
        Path dataDir = Files.createDirectories(data.resolve("d"));
        Files.createSymbolicLink(dataDir.resolve("comments"), elsewhere);
        assertThrows(IOException.class, () -> CommentStore.open(dataDir));
    }

    @Test
    void stampsMoveWhenACommentIsAddedAndOnlyThen() throws Exception {
        CommentStore store = CommentStore.open(data);
        assertEquals(ChangeStamp.NONE, store.pageStamp(P));
        ChangeStamp storeBefore = store.storeStamp();
        store.write(comment(PAGE, "one"));
        ChangeStamp page1 = store.pageStamp(P);
        ChangeStamp store1 = store.storeStamp();
        assertNotEquals(ChangeStamp.NONE, page1);
        assertNotEquals(storeBefore, store1);

        assertEquals(page1, store.pageStamp(P), "reading changes nothing");
        store.write(comment(PAGE, "one")); // existed: no change
        assertEquals(store1, store.storeStamp());

        store.write(comment(PAGE, "two"));
        assertNotEquals(store1, store.storeStamp(), "the store stamp grows with every comment, even within one clock tick");
    }

    @Test
    void aFreshStampIsNotTrustedUntilTheClockHasMovedOn() throws Exception {
        CommentStore store = CommentStore.open(data);
        store.write(comment(PAGE, "racy"));
        ChangeStamp stamp = store.pageStamp(P);
        assertFalse(stamp.settledAt(Instant.now()), "a change in this clock tick could hide another");
        assertTrue(stamp.settledAt(stamp.modified().plusSeconds(3)));
    }

    @Test
    void anotherProcessesWritesAreSeenThroughTheStamps() throws Exception {
        CommentStore mine = CommentStore.open(data);
        CommentStore theirs = CommentStore.open(data); // the sync agent opens the same folder
        ChangeStamp before = mine.storeStamp();
        theirs.write(comment(PAGE, "pulled from a peer"));
        assertNotEquals(before, mine.storeStamp());
        assertEquals(1, mine.list(P).size());
    }

    @Test
    void theChangeJournalNamesEachChangedPageOnceAndOnlyWhatIsNew() throws Exception {
        CommentStore store = CommentStore.open(data);
        String other = "cd".repeat(32);
        store.writeAll(List.of(comment(PAGE, "a"), comment(PAGE, "b"), comment(other, "c")));
        ChangeJournal.Changes first = store.changesSince(ChangeJournal.Position.START);
        assertTrue(first.rescan(), "a reader with no position looks at every page once");
        assertEquals(Set.of(P, new UrlHash(other)), first.pages());

        store.write(comment(PAGE, "a")); // existed: nothing changed
        assertEquals(Set.of(), store.changesSince(first.next()).pages());
        CommentStore.open(data).write(comment(other, "d")); // another process, as the sync agent
        ChangeJournal.Changes second = store.changesSince(first.next());
        assertFalse(second.rescan());
        assertEquals(Set.of(new UrlHash(other)), second.pages());
    }

    @Test
    void aStoreWithNoJournalYetRescansOnceNotAgainAtItsFirstWrite() throws Exception {
        // as a store filled by a restore or by hand, with no write through the store yet
        Files.createDirectories(data.resolve("comments"));
        CommentStore store = CommentStore.open(data);
        ChangeJournal.Changes first = store.changesSince(ChangeJournal.Position.START);
        assertTrue(first.rescan(), "a reader with no position looks at every page once");
        store.write(comment(PAGE, "a"));
        ChangeJournal.Changes second = store.changesSince(first.next());
        assertFalse(second.rescan(), "the first write is one line, not a reason to look at every page again");
        assertEquals(Set.of(P), second.pages());
    }

    @Test
    void strayBytesInTheJournalHideNoChangeAfterThem() throws Exception {
        CommentStore store = CommentStore.open(data);
        store.write(comment(PAGE, "a"));
        ChangeJournal.Position before = store.changesSince(ChangeJournal.Position.START).next();
        // another writer's stray newline, then a torn line with no newline at all
        Files.write(data.resolve("comments/.changed"), new byte[] {'\n', 'a', 'b'}, java.nio.file.StandardOpenOption.APPEND);
        CommentStore reopened = CommentStore.open(data);
        ChangeJournal.Changes torn = reopened.changesSince(before);
        assertFalse(torn.rescan());
        assertEquals(Set.of(), torn.pages());
        String other = "cd".repeat(32);
        reopened.write(comment(other, "b"));
        assertEquals(Set.of(new UrlHash(other)), reopened.changesSince(torn.next()).pages(),
                "lines are found by their newline: the page written after the stray bytes is seen");
    }

    private void assertNoTempFiles() throws IOException {
        try (var files = Files.walk(data)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    private static long deadProcessId() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    interface Task<T> {
        T run(int i) throws Exception;
    }

    private static <T> List<T> runConcurrently(int n, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.run(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}

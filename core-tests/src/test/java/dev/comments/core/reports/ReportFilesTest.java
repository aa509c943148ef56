package dev.comments.core.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files through which the watcher and the sync agent report to the server: what one writes, the other reads. */
class ReportFilesTest {

    @TempDir
    Path dir;

    @Test
    void aHeartbeatCarriesTheLastRoundsFigures() throws IOException {
        Path file = dir.resolve("sync/heartbeat");
        SyncRoundFigures figures = new SyncRoundFigures(7, true, 3, 2, 1, 1, 4, 5, 6, 7, 8, 912);
        new SyncHeartbeat(Instant.parse("2026-11-30T10:00:00Z"), 42, Optional.of(figures)).write(file);

        SyncHeartbeat read = SyncHeartbeat.read(file);
        assertEquals(figures, read.lastRound().orElseThrow());
        assertEquals(42, read.pid());
        assertEquals(Instant.parse("2026-11-30T10:00:00Z"), read.time());
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temp file is left beside it");
        }
    }

    @Test
    void aHeartbeatBeforeTheFirstRoundHasNoFigures() throws IOException {
        Path file = dir.resolve("heartbeat");
        new SyncHeartbeat(Instant.now(), 1, Optional.empty()).write(file);
        assertTrue(SyncHeartbeat.read(file).lastRound().isEmpty());
    }

    @Test
    void aWatcherStatusReadsBackAsWritten() throws IOException {
        Path file = dir.resolve(WatcherStatus.FILE_NAME);
        WatcherStatus status = new WatcherStatus(9, Instant.parse("2026-11-30T10:00:00Z"), List.of(
                new ChildStatus("kubo", "RUNNING", 100, 5_000, 2, 3, "hung: \"3\" probes failed", 99L << 20),
                new ChildStatus("server", "BACKOFF", -1, 0, 1, 1, "exited with code 1", 0)));
        status.write(file);

        WatcherStatus read = WatcherStatus.read(file);
        assertEquals(status, read);
        assertTrue(read.children().get(0).running());
        assertTrue(!read.children().get(1).running());
    }

    @Test
    void somethingElseInTheirPlaceIsAnIOExceptionNamingTheFile() throws IOException {
        Path notJson = Files.writeString(dir.resolve("a"), "time=2026 event=sync-round");
        Path otherJson = Files.writeString(dir.resolve("b"), "{\"children\":3}");
        IOException e = assertThrows(IOException.class, () -> SyncHeartbeat.read(notJson));
        assertTrue(e.getMessage().contains(notJson.toString()), e.getMessage());
        assertThrows(IOException.class, () -> WatcherStatus.read(otherJson));
        assertThrows(IOException.class, () -> WatcherStatus.read(dir.resolve("missing")));
    }
}

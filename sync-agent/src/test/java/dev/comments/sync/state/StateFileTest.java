package dev.comments.sync.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import dev.comments.core.network.UrlHash;
import dev.comments.testkit.data.TestComments;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

    private static final URI PEER = URI.create("http://127.0.0.3:8000/");
    private static final Cid ROOT = Cid.parse("bafybeigakanxmvouuaarpnni2dtenmi3ikat7roymanu2jjw4r5oyqepv4");
    private static final Cid FOLDER = Cid.parse("bafybeibsbzbx72yseeuzmlzddjrpomwb6pqy3o2ugzmtlbezyvbvbi2k5a");

    @TempDir
    Path dir;

    @Test
    void whatWasSavedIsLoadedAgain() throws Exception {
        StateFile file = new StateFile(dir.resolve("data/sync-agent.state.json"));
        SyncState state = new SyncState();
        state.update(PEER, new PeerSeen(ROOT, Set.of(FOLDER)));
        state.update(URI.create("http://127.0.0.4:8000/"), new PeerSeen(null, Set.of()));
        assertTrue(state.takeChanged());
        assertFalse(state.takeChanged());
        file.save(state);

        SyncState loaded = file.load();
        assertEquals(state.snapshot(), loaded.snapshot());
        assertTrue(loaded.seen(PEER).sawRoot(ROOT));
        assertTrue(loaded.seen(PEER).sawNode(FOLDER));
        try (var files = Files.list(file.path().getParent())) {
            assertEquals(1, files.count(), "no temp file is left beside it");
        }
    }

    @Test
    void aMissingOrDamagedFileIsAnEmptyState() throws Exception {
        StateFile file = new StateFile(dir.resolve("sync-agent.state.json"));
        assertTrue(file.load().snapshot().isEmpty());
        Files.writeString(file.path(), "{\"v\":2,\"peers\":{\"http://x:1/\":{\"root\":\"not-a-cid\",\"nodes\":[]}}}");
        assertTrue(file.load().snapshot().isEmpty());
        Files.writeString(file.path(), "{\"v\":1,\"pe");
        assertTrue(file.load().snapshot().isEmpty());
        Files.writeString(file.path(), "{\"v\":1,\"peers\":{\"http://x:1/\":{\"root\":null,\"folders\":{}}}}");
        assertTrue(file.load().snapshot().isEmpty(), "an older version's state is read as nothing: one full comparison");
    }
}

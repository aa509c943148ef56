package dev.comments.core.kubo;

import dev.comments.testkit.kubo.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server's daemon restarts (deploy, crash, reboot) with everything the server relies
 * on: the same PeerID (other servers and the DHT know it by it), its blocks, its pins
 * (garbage collection after the restart still keeps them) and its files-API root (the
 * page folders).
 */
class KuboRestartTest {

    @TempDir
    Path tmp;

    @Test
    void aRestartKeepsPeerIdBlocksPinsAndTheFilesApiRoot() {
        byte[] comment = TestVectors.firstCommentFile();
        byte[] pinnedOnly = "kept by a pin alone".getBytes(StandardCharsets.UTF_8);
        byte[] unpinned = "kept by nothing".getBytes(StandardCharsets.UTF_8);

        try (KuboDaemon daemon = KuboDaemon.start(tmp.resolve("a"), "127.0.10.9")) {
            KuboClient before = daemon.client();
            Cid commentId = before.block.put(comment).key();
            Cid pinnedId = before.block.put(pinnedOnly, false).key();
            before.pin.add(pinnedId);
            Cid unpinnedId = before.block.put(unpinned, false).key();
            String file = "/comments/" + "cd".repeat(32) + "/" + commentId + ".json";
            before.files.cp(commentId, file);
            Cid root = before.files.flush("/");
            String peerId = before.id().id();

            daemon.restart();
            KuboClient after = daemon.client();

            assertEquals(peerId, after.id().id(), "same PeerID");
            assertEquals(root, after.files.stat("/").hash(), "same files-API root");
            assertEquals(commentId, after.files.stat(file).hash());
            List<Cid> collected = after.repo.gc();
            assertTrue(collected.contains(unpinnedId), "gc after the restart runs, and collects: " + collected);
            assertFalse(collected.contains(pinnedId) || collected.contains(commentId),
                    "pins survived the restart: " + collected);
            assertArrayEquals(pinnedOnly, after.block.get(pinnedId));
            assertArrayEquals(comment, after.cat(file.replace("/comments", "/ipfs/" + root + "/comments")));
        }
    }
}

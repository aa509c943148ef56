package dev.comments.core.kubo;

import dev.comments.testkit.kubo.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KuboClient} against a real kubo on loopback: every command the project uses. */
class KuboClientTest {

    /** A well-formed PeerID of no daemon here: a connect to it really dials. */
    private static final String UNKNOWN_PEER = "12D3KooWAJkxnBvX1DMdhYHLwsuSSR9ka2m11NRiVaEJuuo1Uhsa";

    @TempDir
    Path tmp;

    private KuboDaemon daemon;
    private KuboClient kubo;

    @BeforeEach
    void startDaemon() {
        daemon = KuboDaemon.start(tmp.resolve("a"), "127.0.10.2");
        kubo = daemon.client();
    }

    @AfterEach
    void stopDaemon() {
        daemon.close();
    }

    @Test
    void idNamesThePeerAndItsLoopbackAndHttpAddresses() {
        PeerIdentity id = kubo.id();

        assertEquals(daemon.peerId(), id.id());
        assertEquals("kubo/0.43.1", id.agentVersion());
        String suffix = "/p2p/" + daemon.peerId();
        assertEquals(Set.of(
                        "/ip4/127.0.10.2/tcp/" + daemon.swarmPort() + suffix,
                        "/ip4/127.0.10.2/tcp/" + daemon.wsPort() + "/ws" + suffix,
                        daemon.httpAnnounce() + suffix),
                Set.copyOf(id.addresses()), "TCP, WebSockets, and the appended /http address only");
        assertTrue(id.protocols().contains("/ipfs/lan/kad/1.0.0"), "speaks the LAN DHT: " + id.protocols());
    }

    @Test
    void versionIsThePinnedKubo() {
        KuboVersion version = kubo.version();

        assertEquals("0.43.1", version.version());
        assertFalse(version.repo().isEmpty());
    }

    @Test
    void blockPutGivesTheCommentIdAndBlockGetTheSameBytes() {
        byte[] file = TestVectors.firstCommentFile();

        BlockStat stored = kubo.block.put(file);

        assertEquals(TestVectors.firstCommentId(), stored.key().toString());
        assertEquals(file.length, stored.size());
        assertArrayEquals(file, kubo.block.get(stored.key()));
    }

    @Test
    void addWithCidV1RawLeavesGivesTheSameIdAsBlockPut() {
        byte[] file = TestVectors.firstCommentFile();
        String id = TestVectors.firstCommentId();

        AddedEntry added = kubo.add(id + ".json", file);

        assertEquals(id + ".json", added.name());
        assertEquals(id, added.hash().toString());
        assertArrayEquals(file, kubo.cat(added.hash()));
        assertArrayEquals(new byte[] {file[0], file[1]}, kubo.cat(id, 2), "cat length=2 reads two bytes");
    }

    @Test
    void addOfAFolderListsEveryEntryWithTheRootLastAndLsCatReadIt() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("page"));
        Files.writeString(folder.resolve("one.json"), "{\"n\":1}");
        Files.writeString(folder.resolve("two words.json"), "{\"n\":2}");
        Files.createDirectories(folder.resolve("replies"));
        Files.writeString(folder.resolve("replies/three.json"), "{\"n\":3}");

        List<AddedEntry> added = kubo.add(folder);

        Map<String, Cid> byName = added.stream().collect(Collectors.toMap(AddedEntry::name, AddedEntry::hash));
        assertEquals("page", added.getLast().name());
        assertEquals(2, added.size(), "the two folders (files are not reported, see KuboClient.add): " + added);

        List<Link> links = kubo.ls(byName.get("page"));
        assertEquals(List.of("one.json", "replies", "two words.json"), links.stream().map(Link::name).toList());
        assertEquals(Cid.ofRaw("{\"n\":2}".getBytes(StandardCharsets.UTF_8)), links.get(2).hash(),
                "a file's CID is CIDv1(raw) of its bytes, and its name survives the multipart encoding");
        assertTrue(links.get(1).isDirectory());
        assertTrue(links.get(0).isFile());
        assertEquals(byName.get("page/replies"), links.get(1).hash());
        assertEquals("{\"n\":3}", new String(kubo.cat("/ipfs/" + byName.get("page") + "/replies/three.json"),
                StandardCharsets.UTF_8));
    }

    @Test
    void addOfAFolderOfAHundredThousandFilesFinishesWithKubosOwnCid() throws Exception {
        Path scratch = dev.comments.testkit.Folders.newScratch("add-wide");
        try {
            Path wide = Files.createDirectories(scratch.resolve("wide"));
            for (int i = 0; i < 100_000; i++) {
                Files.writeString(wide.resolve("entry-" + i + ".json"), "{\"n\":" + i + "}");
            }
            // request body and kubo's answer must not wait on each other (the old deadlock)
            Cid viaClient = kubo.withTimeout(Duration.ofMinutes(5)).add(wide).getLast().hash();
            assertEquals(KuboCli.hashRecursive(daemon, wide).get("wide"), viaClient);
        } finally {
            dev.comments.testkit.Folders.deleteRecursively(scratch);
        }
    }

    @Test
    void filesApiBuildsAFolderOneCopyAtATime() {
        Cid comment = kubo.block.put(TestVectors.firstCommentFile()).key();
        String folder = "/comments/" + "ab".repeat(32);

        kubo.files.mkdir(folder);
        kubo.files.mkdir(folder); // an existing folder is fine
        FileStat empty = kubo.files.stat(folder);
        kubo.files.cp(comment, folder + "/" + comment + ".json");
        FileStat one = kubo.files.stat(folder);
        List<FileEntry> entries = kubo.files.ls(folder);
        Cid flushed = kubo.files.flush(folder);

        assertTrue(empty.isDirectory());
        assertEquals(List.of("ab".repeat(32)), kubo.files.ls("/comments").stream().map(FileEntry::name).toList());
        assertEquals(List.of(new FileEntry(comment + ".json", FileEntry.FILE, TestVectors.firstCommentFile().length,
                comment)), entries);
        assertEquals(1, kubo.ls(one.hash()).size(), "the folder's CID lists the comment");
        assertEquals(one.hash(), flushed, "flush returns the folder's CID");
        assertFalse(empty.hash().equals(one.hash()), "adding an entry changes the folder's CID");
        FileStat file = kubo.files.stat(folder + "/" + comment + ".json");
        assertEquals(comment, file.hash());
        assertEquals("file", file.type());

        kubo.files.rm(folder + "/" + comment + ".json");
        assertEquals(empty.hash(), kubo.files.stat(folder).hash(), "removing the entry restores the empty folder");
        kubo.files.rm("/comments");
        assertEquals(List.of(), kubo.files.ls("/"));
        kubo.files.rm("/comments"); // removing what is not there is not an error (force)
    }

    @Test
    void pinnedBlocksSurviveGarbageCollectionAndUnpinnedOnesDoNot() {
        byte[] kept = "pinned".getBytes(StandardCharsets.UTF_8);
        byte[] dropped = "not pinned".getBytes(StandardCharsets.UTF_8);
        Cid keptCid = kubo.block.put(kept, false).key();
        Cid droppedCid = kubo.block.put(dropped, false).key();

        assertEquals(List.of(keptCid), kubo.pin.add(keptCid));
        List<Cid> removed = kubo.repo.gc();

        assertTrue(removed.contains(droppedCid), "gc removed the unpinned block: " + removed);
        assertFalse(removed.contains(keptCid), "gc kept the pinned block: " + removed);
        assertArrayEquals(kept, kubo.block.get(keptCid));
    }

    @Test
    void swarmConnectsToAnotherLocalDaemonAndRefusesAddressesOutsideLoopback() {
        try (KuboDaemon other = KuboDaemon.start(tmp.resolve("b"), "127.0.10.3")) {
            List<String> answer = kubo.swarm.connect(other.swarmAddress());

            assertEquals(List.of("connect " + other.peerId() + " success"), answer);
            List<SwarmPeer> peers = kubo.swarm.peers();
            assertTrue(peers.stream().anyMatch(p -> p.peer().equals(other.peerId())), "peers: " + peers);
            assertTrue(peers.stream().allMatch(p -> p.addr().startsWith("/ip4/127.")), "loopback only: " + peers);

            // kubo-configure's connection gater: nothing outside 127.0.0.0/8 is dialled.
            KuboException refused = assertThrows(KuboException.class, () -> kubo.swarm.connect(
                    "/ip4/192.0.2.1/tcp/4001/p2p/" + UNKNOWN_PEER));
            assertTrue(refused.kuboMessage().contains("gater disallows connection"), refused.getMessage());
        }
    }

    @Test
    void kubosErrorsForABadCidAndAMissingPathCarryKubosMessage() throws Exception {
        KuboException badCid = assertThrows(KuboException.class, () -> kubo.cat("/ipfs/not-a-cid"));
        assertEquals(500, badCid.status());
        assertEquals("cat", badCid.command());
        assertTrue(badCid.kuboMessage().startsWith("invalid path \"/ipfs/not-a-cid\": invalid cid"),
                badCid.kuboMessage());

        KuboException missingFile = assertThrows(KuboException.class, () -> kubo.files.stat("/no/such/folder"));
        assertEquals(500, missingFile.status());
        assertEquals("file does not exist", missingFile.kuboMessage());
        assertTrue(missingFile.getMessage().contains("files/stat") && missingFile.getMessage().contains(
                "file does not exist"), missingFile.getMessage());

        Cid folder = kubo.add(dirWith("x.json")).getLast().hash();
        KuboException missingLink = assertThrows(KuboException.class, () -> kubo.cat("/ipfs/" + folder + "/y.json"));
        assertEquals("no link named \"y.json\" under " + folder, missingLink.kuboMessage());
    }

    @Test
    void aCallThatOutlivesItsDeadlineFailsWithTheDeadlineInsteadOfWaitingForKubo() {
        Cid nobodyHasIt = Cid.ofRaw("no daemon has these bytes".getBytes(StandardCharsets.UTF_8));
        KuboClient hasty = kubo.withTimeout(Duration.ofMillis(500));

        // kubo's block/get of a block nobody has never ends: only our deadline can end this call.
        // The preemptive bound is a guard against a hang, far above the deadline, not a speed check.
        KuboException timedOut = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(KuboException.class, () -> hasty.block.get(nobodyHasIt)));

        assertEquals(KuboException.NO_ANSWER, timedOut.status());
        // "did not answer within" before kubo's headers, "did not finish within" after them.
        assertTrue(timedOut.getMessage().matches(".*did not (answer|finish) within PT0\\.5S.*"), timedOut.getMessage());
        assertEquals(daemon.peerId(), kubo.id().id(), "the client still works after a timed-out call");
    }

    @Test
    void noDaemonIsAKuboExceptionThatSaysSo() {
        daemon.stop();
        try (KuboClient orphan = KuboClient.connect(daemon.api(), Duration.ofSeconds(5))) {
            KuboException down = assertThrows(KuboException.class, orphan::id);

            assertEquals(KuboException.NO_ANSWER, down.status());
            assertTrue(down.getMessage().contains("cannot reach kubo's RPC at " + daemon.api()), down.getMessage());
        }
    }

    private Path dirWith(String name) throws java.io.IOException {
        Path folder = Files.createDirectories(tmp.resolve("d-" + name));
        Files.writeString(folder.resolve(name), "{}");
        return folder;
    }

}

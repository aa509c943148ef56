package dev.comments.core.kubo;

import dev.comments.testkit.kubo.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kubo contract: every daemon call the Java side makes (server, sync agent, backup tool),
 * through {@link KuboClient}, against any Kubo RPC URL. "Point it at your kubo":
 *
 * <pre>mvn -B test -pl comments-core -Dtest=KuboContractTest -Dkubo.rpc=http://127.0.0.1:5001</pre>
 *
 * Without {@code kubo.rpc} it starts its own daemon (configured by scripts/kubo-configure) on
 * 127.0.93.1. It leaves the daemon as it found it: its files live under one fresh files-API
 * folder and its pins are removed; it never runs {@code repo/gc} (that would drop a real
 * node's unpinned blocks) nor DHT queries (their answers depend on the network).
 */
class KuboContractTest {

    private static KuboDaemon own;
    private static KuboClient kubo;
    private static final String MINE = "/comments-contract-" + UUID.randomUUID();
    /** Unique bytes per run, so no block or pin of the daemon's owner is touched. */
    private static final String NONCE = UUID.randomUUID().toString();

    @BeforeAll
    static void connect() {
        String rpc = System.getProperty("kubo.rpc", "");
        if (rpc.isBlank()) {
            own = KuboDaemon.start(Path.of("target/it-data/kubo-contract").toAbsolutePath(), "127.0.93.1");
            kubo = own.client();
        } else {
            kubo = KuboClient.connect(URI.create(rpc), Duration.ofSeconds(30));
        }
    }

    @AfterAll
    static void cleanUp() {
        try {
            if (kubo != null) {
                kubo.files.rm(MINE);
            }
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    @Test
    void idAndVersionAnswer() {
        PeerIdentity id = kubo.id();
        assertFalse(id.id().isBlank(), "a PeerID");
        assertFalse(kubo.version().version().isBlank(), "a version");
    }

    @Test
    void theFilesApiWritesCidV1AsTheServerNeeds() {
        kubo.files.mkdir(MINE + "/probe");
        FileStat stat = kubo.files.stat(MINE + "/probe");
        assertTrue(stat.isDirectory());
        // KuboJson refuses a CIDv0 with a message naming Import.CidVersion=1; reaching here means CIDv1.
        assertTrue(stat.hash().toString().startsWith("bafy"), "a base32 CIDv1 dag-pb folder: " + stat.hash());
    }

    @Test
    void blockPutGivesTheRawCidOfTheBytesAndBlockGetReturnsThem() {
        byte[] bytes = bytes("block");
        BlockStat stored = kubo.block.put(bytes, false);
        assertEquals(Cid.ofRaw(bytes), stored.key());
        assertArrayEquals(bytes, kubo.block.get(stored.key()));
    }

    @Test
    void addCatAndLsAgreeWithBlockPut() {
        byte[] bytes = bytes("add");
        AddedEntry added = kubo.add("x.json", bytes);
        assertEquals(Cid.ofRaw(bytes), added.hash(), "add uses CIDv1 and raw leaves");
        assertArrayEquals(bytes, kubo.cat(added.hash()));
        kubo.files.cp(added.hash(), MINE + "/page/x.json");
        Cid folder = kubo.files.stat(MINE + "/page").hash();
        List<Link> links = kubo.ls(folder);
        assertEquals(List.of("x.json"), links.stream().map(Link::name).toList());
        assertTrue(links.getFirst().isFile());
        assertEquals(List.of("x.json"), kubo.files.ls(MINE + "/page").stream().map(FileEntry::name).toList());
        assertEquals(folder, kubo.files.flush(MINE + "/page"));
    }

    @Test
    void pinsAreAddedMovedAndRemoved() {
        Cid one = kubo.block.put(bytes("pin-1"), false).key();
        Cid two = kubo.block.put(bytes("pin-2"), false).key();
        assertEquals(List.of(one), kubo.pin.add(one));
        kubo.pin.update(one, two);
        kubo.pin.rm(two);
        KuboException notPinned = org.junit.jupiter.api.Assertions.assertThrows(KuboException.class, () -> kubo.pin.rm(two));
        assertTrue(notPinned.getMessage().contains("not pinned"), notPinned.getMessage());
    }

    @Test
    void dagExportAndImportRoundTripAFolder() {
        kubo.files.cp(kubo.block.put(bytes("dag"), false).key(), MINE + "/dag/c.json");
        Cid folder = kubo.files.stat(MINE + "/dag").hash();
        byte[] car = kubo.dag.export(folder);
        assertEquals(List.of(folder), kubo.dag.importCar(car));
        kubo.pin.rm(folder);
    }

    @Test
    void errorsCarryKubosMessage() {
        KuboException missing = org.junit.jupiter.api.Assertions.assertThrows(KuboException.class,
                () -> kubo.files.stat(MINE + "/no/such/folder"));
        assertTrue(missing.kuboMessage().contains("does not exist"), missing.kuboMessage());
    }

    @Test
    void swarmPeersAnswers() {
        assertTrue(kubo.swarm.peers().size() >= 0);
    }

    private static byte[] bytes(String what) {
        return ("{\"contract\":\"" + what + "\",\"nonce\":\"" + NONCE + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}

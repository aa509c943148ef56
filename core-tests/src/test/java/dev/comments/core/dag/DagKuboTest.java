package dev.comments.core.dag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import dev.comments.testkit.kubo.KuboCli;
import dev.comments.testkit.kubo.KuboDaemon;
import dev.comments.testkit.Folders;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Our encoder against kubo itself: for every shape the published tree takes, the folder
 * CID we compute equals what {@code ipfs add -r --cid-version=1 --raw-leaves} of the same
 * files gives. One {@code add -r} of all cases at once keeps the daemon's work to one call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DagKuboTest {

    /**
     * Comment files per page folder: empty, tiny, every size around kubo's sharding switch,
     * large. Each link of a test file here is 108 bytes in the flat node (36-byte CID,
     * 64-byte name, Tsize under 128, tags and lengths), plus 4 bytes of Data: 2,427 entries
     * make 262,120 bytes ≤ 256 KiB, flat; 2,428 make 262,228, sharded.
     */
    private static final int[] PAGE_SIZES = {0, 1, 100, 2425, 2426, 2427, 2428, 2429, 2430, 10_000, 100_000};
    private static final int ROOT_PAGES = 100_000;

    /** Hundreds of thousands of files: in memory where the machine allows. */
    private static Path tmp;

    private final Map<String, UnixFsFolder> ours = new LinkedHashMap<>();
    private Map<String, Cid> kubos;
    private KuboDaemon daemon;

    @BeforeAll
    void addEverythingOnce() throws IOException {
        tmp = Folders.newScratch("dag-kubo");
        Path cases = Files.createDirectories(tmp.resolve("cases"));
        int seed = 0;
        for (int size : PAGE_SIZES) {
            String name = "page-" + size;
            ours.put("cases/" + name, writeFolder(cases.resolve(name), size, seed));
            seed += size;
        }
        UnixFsFolder root = new UnixFsFolder();
        Path rootFolder = Files.createDirectories(cases.resolve("root"));
        for (int page = 0; page < ROOT_PAGES; page++) {
            String pageName = String.format("%064x", page * 2_654_435_761L);
            UnixFsFolder folder = writeFolder(rootFolder.resolve(pageName), 1, seed++);
            root.put(pageName, folder.linkAs(pageName).cid(), folder.linkAs(pageName).tsize());
        }
        ours.put("cases/root", root);
        daemon = KuboDaemon.start(tmp.resolve("kubo"), "127.0.17.1");
        kubos = KuboCli.hashRecursive(daemon, cases);
    }

    @AfterAll
    void stop() throws IOException {
        if (daemon != null) {
            daemon.close();
        }
        Folders.deleteRecursively(tmp);
    }

    @Test
    void everyPageFolderHasKubosCid() {
        for (int size : PAGE_SIZES) {
            String path = "cases/page-" + size;
            assertEquals(kubos.get(path), ours.get(path).linkAs("x").cid(), "page folder of " + size + " comments");
        }
    }

    @Test
    void theShardingSwitchFallsWhereKubosDoes() {
        assertFalse(ours.get("cases/page-2427").isSharded(), "a flat node of 262,120 bytes");
        assertTrue(ours.get("cases/page-2428").isSharded(), "a flat node would be 262,228 bytes");
    }

    @Test
    void withKubosDefaultLinkEstimateTheSwitchFallsWhereKubosDoes() throws IOException {
        // without the unixfs-v1-2025 profile kubo counts name and CID bytes only: 100 per entry here
        Path scratch = Files.createDirectories(tmp.resolve("links"));
        Path top = Files.createDirectories(scratch.resolve("top"));
        Map<String, UnixFsFolder> linkOurs = new LinkedHashMap<>();
        int seed = 2_000_000_000;
        for (int size : new int[] {2620, 2621, 2622, 2623}) {
            List<DagLink> links = new ArrayList<>();
            writeFolder(top.resolve("page-" + size), size, seed -= size).entries(links::add);
            linkOurs.put("top/page-" + size, UnixFsFolder.of(links, UnixFsFolder.SizeEstimation.LINKS));
        }
        Map<String, Cid> kubo = KuboCli.hashRecursiveWithKuboDefaults(scratch, top);
        linkOurs.forEach((path, folder) -> assertEquals(kubo.get(path), folder.linkAs("x").cid(), path));
        assertFalse(linkOurs.get("top/page-2621").isSharded());
        assertTrue(linkOurs.get("top/page-2622").isSharded());
    }

    @Test
    void aRootOfOneHundredThousandPagesHasKubosCid() {
        assertEquals(kubos.get("cases/root"), ours.get("cases/root").linkAs("root").cid());
    }

    @Test
    void theWholeTreeHasKubosCidWithCumulativeSizes() {
        UnixFsFolder top = new UnixFsFolder();
        ours.forEach((path, folder) -> {
            String name = path.substring("cases/".length());
            DagLink link = folder.linkAs(name);
            top.put(name, link.cid(), link.tsize());
        });
        assertEquals(kubos.get("cases"), top.linkAs("cases").cid(), "Tsize of every link counts, so all must agree");
    }

    @Test
    void aCarOfOurBlocksImportsIntoAnEmptyDaemonAsTheSameFolder() throws IOException {
        Path page = tmp.resolve("car-page");
        UnixFsFolder folder = writeFolder(page, 3000, 1_000_000_000);
        Path car = tmp.resolve("page.car");
        DagBlock root = folder.encode(b -> { });
        try (OutputStream out = Files.newOutputStream(car); CarWriter writer = new CarWriter(out, root.cid())) {
            folder.allBlocks(b -> write(writer, b));
            try (var files = Files.list(page)) {
                for (Path file : files.toList()) {
                    byte[] bytes = Files.readAllBytes(file);
                    writer.write(Cid.ofRaw(bytes), bytes);
                }
            }
        }
        try (KuboDaemon empty = KuboDaemon.start(tmp.resolve("kubo-empty"), "127.0.17.2")) {
            List<Cid> roots = empty.client().withTimeout(Duration.ofMinutes(2)).dag.importCarFile(car, true);
            assertEquals(List.of(root.cid()), roots);
            assertEquals(3000, empty.client().ls(root.cid()).size(), "the daemon reads our HAMT as a folder");
            assertTrue(empty.client().pin.isPinnedRecursively(root.cid()));
        }
    }

    private static void write(CarWriter writer, DagBlock block) {
        try {
            writer.write(block);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes {@code count} distinct comment-like files named {@code <raw cid>.json}; returns our folder of them. */
    private static UnixFsFolder writeFolder(Path folder, int count, int seed) throws IOException {
        Files.createDirectories(folder);
        List<DagLink> links = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] bytes = ("{\"comment\":" + (seed + i) + "}").getBytes(StandardCharsets.UTF_8);
            Cid id = Cid.ofRaw(bytes);
            String name = id.text() + ".json";
            Files.write(folder.resolve(name), bytes);
            links.add(new DagLink(id, name, bytes.length));
        }
        return UnixFsFolder.of(links);
    }
}

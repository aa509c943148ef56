package dev.comments.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.kubo.KuboClient;
import dev.comments.testkit.kubo.KuboDaemon;
import dev.comments.core.network.UrlHash;
import dev.comments.core.store.CommentStore;
import dev.comments.testkit.data.TestComments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CarImporter reads a CAR by the published tree's rules (dev.comments.core.tree): foreign
 * entries are skipped as every reader skips them; an {@code <id>.json} linking to another
 * block refuses the CAR. The CARs are folders added to one daemon and exported from it.
 */
class CarImporterTest {

    private static final String PAGE = TestComments.PAGE;
    private static final VerifiedComment ONE = TestComments.comment(PAGE, "one");
    private static final VerifiedComment TWO = TestComments.comment(PAGE, "two");

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    private static KuboDaemon daemon;
    private static KuboClient kubo;

    @BeforeAll
    static void startDaemon() {
        daemon = KuboDaemon.start(shared.resolve("kubo"), "127.0.94.1");
        kubo = daemon.client();
    }

    @AfterAll
    static void stopDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void aWholeStoreIsImportedAndForeignEntriesAreSkipped() throws Exception {
        Path root = tmp.resolve("root");
        Path page = Files.createDirectories(root.resolve(PAGE));
        write(page, ONE.fileName(), ONE.fileBytes());
        write(page, TWO.fileName(), TWO.fileBytes());
        write(page, "notes.txt", new byte[] {'x'});
        Files.createDirectories(page.resolve("sub"));
        write(root, "README.md", new byte[] {'y'});
        Files.createDirectories(root.resolve("not-a-page"));

        CommentStore store = store();
        CarImporter.Result result = new CarImporter(kubo, store).importCar(car(root));

        assertEquals(List.of(1, 2, 2L, 4), List.of(result.pages(), result.comments(), result.added(), result.ignored()));
        assertEquals(sorted(ONE.id(), TWO.id()), store.list(new UrlHash(PAGE)));
    }

    @Test
    void onePagesFolderIsImportedAndForeignEntriesAreSkipped() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("page"));
        write(folder, ONE.fileName(), ONE.fileBytes());
        write(folder, ONE.id().text(), ONE.fileBytes());

        CommentStore store = store();
        CarImporter.Result result = new CarImporter(kubo, store).importCar(car(folder));

        assertEquals(List.of(1, 1, 1L, 1), List.of(result.pages(), result.comments(), result.added(), result.ignored()));
        assertEquals(List.of(ONE.id()), store.list(new UrlHash(PAGE)));
    }

    @Test
    void aCommentsNameLinkingToAnotherBlockRefusesTheWholeCar() throws Exception {
        Path page = Files.createDirectories(tmp.resolve("root").resolve(PAGE));
        write(page, ONE.fileName(), ONE.fileBytes());
        write(page, TWO.fileName(), ONE.fileBytes());

        CommentStore store = store();
        ImportRefusedException refused = assertThrows(ImportRefusedException.class,
                () -> new CarImporter(kubo, store).importCar(car(tmp.resolve("root"))));

        assertTrue(refused.getMessage().contains(PAGE + "/" + TWO.fileName() + ": ID_MISMATCH"), refused.getMessage());
        assertEquals(List.of(), store.list(new UrlHash(PAGE)), "nothing reached the store");
    }

    @Test
    void aRootOfBothPagesAndCommentsIsRefused() throws Exception {
        Path root = tmp.resolve("root");
        write(Files.createDirectories(root.resolve(PAGE)), ONE.fileName(), ONE.fileBytes());
        write(root, TWO.fileName(), TWO.fileBytes());

        CommentStore store = store();
        ImportRefusedException refused = assertThrows(ImportRefusedException.class,
                () -> new CarImporter(kubo, store).importCar(car(root)));

        assertTrue(refused.getMessage().contains("both page folders and comment files"), refused.getMessage());
        assertEquals(List.of(), store.list(new UrlHash(PAGE)), "nothing reached the store");
    }

    /** The folder as a CAR, as backup-tool export writes one: its daemon's dag/export of the folder's CID. */
    private Path car(Path folder) throws IOException {
        Cid root = kubo.add(folder).getLast().hash();
        return Files.write(tmp.resolve("export.car"), kubo.dag.export(root));
    }

    private CommentStore store() throws IOException {
        return CommentStore.open(tmp.resolve("data"));
    }

    private static void write(Path folder, String name, byte[] bytes) throws IOException {
        Files.write(folder.resolve(name), bytes);
    }

    private static List<Cid> sorted(Cid... ids) {
        return java.util.Arrays.stream(ids).sorted((a, b) -> a.text().compareTo(b.text())).toList();
    }
}

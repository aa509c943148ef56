package dev.comments.core.kubo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why a server keeps its page folders in kubo's files API: adding one comment to a
 * folder of 10,000 is one {@code files/cp} (plus {@code files/stat} for the new folder
 * CID), where {@code add -r} re-reads and re-hashes every file. Both times are logged for
 * the operator; the test asserts the outcome that matters, the same folder CID both ways.
 */
class KuboFilesIncrementalTest {

    private static final int FILES = 10_000;

    @TempDir
    Path tmp;

    @Test
    void oneMoreFileInAFolderOfTenThousandIsOneCopyAndGivesTheSameCidAsAddingTheFolder() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("page"));
        for (int i = 0; i < FILES; i++) {
            writeComment(folder, i);
        }

        try (KuboDaemon daemon = KuboDaemon.start(tmp.resolve("kubo"), "127.0.10.5")) {
            KuboClient kubo = daemon.client();
            KuboClient patient = kubo.withTimeout(Duration.ofMinutes(3));

            long t0 = System.nanoTime();
            Cid tenThousand = patient.add(folder).getLast().hash();
            long addFirst = System.nanoTime() - t0;
            kubo.files.cp(tenThousand, "/comments/page");
            assertEquals(tenThousand, kubo.files.stat("/comments/page").hash());

            byte[] newest = writeComment(folder, FILES);
            Cid newestId = Cid.ofRaw(newest);

            long t1 = System.nanoTime();
            kubo.block.put(newest);
            kubo.files.cp(newestId, "/comments/page/" + newestId + ".json");
            FileStat incremental = kubo.files.stat("/comments/page");
            long oneCopy = System.nanoTime() - t1;

            long t2 = System.nanoTime();
            List<AddedEntry> whole = patient.add(folder);
            long addAll = System.nanoTime() - t2;

            System.out.printf("files API: add -r of %,d files %d ms; then one more file by block/put + files/cp"
                            + " + files/stat %d ms; add -r of all %,d files %d ms%n",
                    FILES, addFirst / 1_000_000, oneCopy / 1_000_000, FILES + 1, addAll / 1_000_000);

            assertEquals(FILES + 2, whole.size(), "every file and the folder itself");
            assertEquals(whole.getLast().hash(), incremental.hash(),
                    "the files API reaches the same folder CID as adding the whole folder");
            assertTrue(incremental.isDirectory());
            assertEquals(newestId, kubo.files.stat("/comments/page/" + newestId + ".json").hash());
        }
    }

    // A comment-sized file named by its id, as the store writes them.
    private static byte[] writeComment(Path folder, int n) throws IOException {
        byte[] bytes = ("{\"author\":\"tester\",\"n\":" + n + ",\"text\":\"" + "x".repeat(300) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        Files.write(folder.resolve(Cid.ofRaw(bytes) + ".json"), bytes);
        return bytes;
    }
}

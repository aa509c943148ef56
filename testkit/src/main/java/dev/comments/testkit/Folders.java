package dev.comments.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Test folders: one way to clear one, shared by every module's tests through the test-jar. */
public final class Folders {

    private Folders() {
    }

    /**
     * A new empty folder for a large fixture (hundreds of thousands of small files): in
     * memory ({@code /dev/shm}) where the machine has it, else in the temp folder. The
     * caller deletes it with {@link #deleteRecursively}.
     */
    public static Path newScratch(String prefix) throws IOException {
        Path shm = Path.of("/dev/shm");
        if (java.nio.file.Files.isDirectory(shm) && java.nio.file.Files.isWritable(shm)) {
            return java.nio.file.Files.createTempDirectory(shm, prefix);
        }
        return java.nio.file.Files.createTempDirectory(prefix);
    }

    /** Deletes a folder and everything in it; a folder that does not exist is fine. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

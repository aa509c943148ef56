package dev.comments.core.store;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The free-space floor of the file system that holds a server's data folder (its store, kubo's
 * repository and the logs by default). Below it the server takes no new comments (a POST answers
 * 507) and its sync agent pulls none, so that the disk never fills up and a comment is never
 * half written; reads go on. A floor of 0 turns the check off.
 *
 * <p>Cost: one statfs per question (microseconds), nothing cached, so space freed by a garbage
 * collection or a log rotation is seen at once. The file system is found once, at construction
 * (the JDK finds it by reading the mount table).
 */
public final class DiskFloor {

    private static final long MIB = 1L << 20;

    private final Path dir;
    private final FileStore fileSystem;
    private final long minFreeBytes;

    private DiskFloor(Path dir, FileStore fileSystem, long minFreeBytes) {
        this.dir = dir;
        this.fileSystem = fileSystem;
        this.minFreeBytes = minFreeBytes;
    }

    /** The floor of {@code dir}'s file system, {@code minFreeMib} MiB; the folder is made if missing. */
    public static DiskFloor of(Path dir, long minFreeMib) throws IOException {
        Files.createDirectories(dir);
        return new DiskFloor(dir, Files.getFileStore(dir), minFreeMib * MIB);
    }

    public long minFreeBytes() {
        return minFreeBytes;
    }

    /** Bytes this process may still write on the data folder's file system. */
    public long freeBytes() throws IOException {
        return fileSystem.getUsableSpace();
    }

    /**
     * Empty when there is room; else why not, in words for an answer or a log line. A file system
     * whose free space cannot be read counts as full: taking a comment that cannot be kept would lose it.
     */
    public Optional<String> shortage() {
        if (minFreeBytes == 0) {
            return Optional.empty();
        }
        try {
            long free = freeBytes();
            return free >= minFreeBytes ? Optional.empty()
                    : Optional.of(free / MIB + " MiB free under " + dir + ", below the floor of " + minFreeBytes / MIB + " MiB");
        } catch (IOException e) {
            return Optional.of("the free space under " + dir + " cannot be read: " + e.getMessage());
        }
    }
}

package dev.comments.core.store;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One flush of a whole file system: Linux's {@code syncfs(2)} on a descriptor of the store's
 * folder, called through the JDK's foreign function API (Java has no call of its own for it,
 * and no maintained library wraps this one system call; JNA would be a dependency for one
 * call). It writes every dirty page and metadata change of the file system, ours and any
 * other process's, and waits until they are on disk; so a group commit pays one flush for
 * a batch where {@code fsync} per file pays one each (measured here on ext4: 64 files in
 * 4–5 ms against 18–20 ms with eight fsyncs in flight, docs/adr/008-hot-paths.md).
 *
 * <p>Errors: since Linux 5.8 syncfs reports a writeback error that happened on the file
 * system since the descriptor was opened (once per descriptor), so the descriptor is kept
 * open for the store's life. Elsewhere than Linux, or when the JVM refuses native access,
 * {@link #open} returns empty and the store flushes each file as before.
 */
final class FileSystemSync {

    private static final int O_RDONLY = 0;
    private static final int O_DIRECTORY = 0x10000; // Linux x86-64 and aarch64
    private static final int O_CLOEXEC = 0x80000;

    private final MethodHandle syncfs;
    private final int fd;

    private FileSystemSync(MethodHandle syncfs, int fd) {
        this.syncfs = syncfs;
        this.fd = fd;
    }

    /** A syncfs on the file system of {@code folder}, or empty where that is not available. */
    static Optional<FileSystemSync> open(Path folder) {
        if (!System.getProperty("os.name", "").equals("Linux") || Boolean.getBoolean("comments.store.noSyncfs")) {
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            MethodHandle open = linker.downcallHandle(libc.find("open").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            MethodHandle syncfs = linker.downcallHandle(libc.find("syncfs").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            int fd;
            try (Arena arena = Arena.ofConfined()) {
                fd = (int) open.invokeExact(arena.allocateFrom(folder.toString()), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            }
            if (fd < 0) {
                return Optional.empty();
            }
            FileSystemSync sync = new FileSystemSync(syncfs, fd);
            sync.flush(); // proves the call works before the store counts on it
            return Optional.of(sync);
        } catch (Throwable e) { // no native access, no such symbol, a refused call: flush per file instead
            return Optional.empty();
        }
    }

    /** Returns once everything written to the file system before the call is on disk. */
    void flush() throws IOException {
        int result;
        try {
            result = (int) syncfs.invokeExact(fd);
        } catch (Throwable e) {
            throw new IOException("syncfs failed", e);
        }
        if (result != 0) {
            throw new IOException("syncfs of the store's file system failed (a write-back error)");
        }
    }
}

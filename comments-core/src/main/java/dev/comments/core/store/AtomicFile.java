package dev.comments.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a small file whole, durably: the bytes go to a temp file beside it (named with the
 * writer's pid, so two processes never share one), which is fsynced and renamed over the
 * file, and then the folder is fsynced. A crash leaves the old file or the new one, never a
 * mix; a reader never sees a partial file.
 */
public final class AtomicFile {

    private AtomicFile() {
    }

    public static void write(Path file, byte[] bytes) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        CommentStore.syncFolder(file.toAbsolutePath().getParent());
    }
}

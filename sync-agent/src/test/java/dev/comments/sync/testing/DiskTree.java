package dev.comments.sync.testing;

import dev.comments.core.cid.Cid;
import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.kubo.KuboClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server's published tree, {@code <urlHash>/<id>.json}, laid out on disk and added to a
 * daemon in one {@code add -r}: the quick way to give a {@link TestPeer} a thousand
 * comments. kubo gives the same folder CIDs as a server's files API (docs/kubo.md).
 */
public final class DiskTree {

    private final Path root;

    public DiskTree(Path root) {
        this.root = root;
    }

    public DiskTree add(VerifiedComment comment) {
        return file(comment.comment().url(), comment.fileName(), comment.fileBytes());
    }

    /** Any file at {@code <folder>/<name>}: for crafted trees. */
    public DiskTree file(String folder, String name, byte[] bytes) {
        try {
            Path dir = Files.createDirectories(root.resolve(folder));
            Files.write(dir.resolve(name), bytes);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the whole tree; returns the root folder's CID. */
    public Cid publish(KuboClient kubo) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return kubo.withTimeout(java.time.Duration.ofMinutes(5)).add(root).getLast().hash();
    }
}

package dev.comments.core.tree;

import dev.comments.core.cid.Cid;
import dev.comments.core.store.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code <data>/published-root}: the CID of the root the server last published and pinned
 * in its daemon, one line. The server writes it (atomically, after the pin moved); the sync
 * agent reads it to compare peers' trees with ours, and the server reads it at start to
 * learn what its daemon already holds. A missing or unreadable file means "nothing known".
 */
public final class PublishedRoot {

    private static final String FILE = "published-root";

    private PublishedRoot() {
    }

    public static Optional<Cid> read(Path dataDir) {
        try {
            return Optional.of(Cid.parse(Files.readString(dataDir.resolve(FILE), StandardCharsets.US_ASCII).strip()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static void write(Path dataDir, Cid root) throws IOException {
        AtomicFile.write(dataDir.resolve(FILE), (root.text() + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}

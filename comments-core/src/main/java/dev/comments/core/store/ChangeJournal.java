package dev.comments.core.store;

import dev.comments.core.network.UrlHash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code <data>/comments/.changed}: one line per page per store write, the urlHash of each
 * page that got a comment, appended after the comment is durable. Writers are the server
 * and the sync agent (two processes): each write is one {@code write(2)} in append mode,
 * so lines never interleave. The publisher reads from where it stopped, so a change costs
 * its own line, whatever the size of the store.
 *
 * <p>Read by newlines, so a stray byte from another writer never hides the lines after it.
 *
 * <p>Bounded: past {@link #COMPACT_AT} bytes a writer replaces the file with an empty one
 * (atomic rename). A reader notices by the file's identity and rescans the whole store
 * once, which also covers a line lost to the rename or to a writer that died between
 * linking a comment and appending its line.
 */
public final class ChangeJournal {

    /** 64 MiB: about a million writes between two rescans of the whole store. */
    static final long COMPACT_AT = 64L << 20;
    private static final int LINE = 65;

    private final Path file;

    ChangeJournal(Path file) {
        this.file = file;
    }

    void append(Collection<UrlHash> pages) throws IOException {
        byte[] lines = new byte[pages.size() * LINE];
        int at = 0;
        for (UrlHash page : pages) {
            byte[] hex = page.hex().getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(hex, 0, lines, at, hex.length);
            lines[at + hex.length] = '\n';
            at += LINE;
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.wrap(lines);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            if (out.size() > COMPACT_AT) {
                compact();
            }
        }
    }

    private void compact() throws IOException {
        Path fresh = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".new");
        Files.write(fresh, new byte[0]);
        Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    Changes since(Position from) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            // Nothing written yet (a store filled by other means, or new): start the file now, so
            // that the first write is read as its own line, not as a new file (a rescan of every page).
            try {
                Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS)).close();
                attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException noFolder) {
                return new Changes(Set.of(), new Position(null, 0), from.fileKey() != null);
            }
        }
        Object key = attributes.fileKey();
        boolean sameFile = from.fileKey() != null && from.fileKey().equals(key) && from.offset() <= attributes.size();
        long start = sameFile ? from.offset() : 0;
        Set<UrlHash> pages = new LinkedHashSet<>();
        long end = readLines(start, pages);
        return new Changes(pages, new Position(key, end), !sameFile);
    }

    /**
     * Reads the lines from {@code start}, adding each that ends in a urlHash; returns the
     * offset after the last complete line (a line being appended now is read next time).
     * Lines are found by their newline, not by their length, and only a line's last 64
     * characters count, so anything else another writer left in the file (a stray byte, a
     * torn line) costs nothing but itself.
     */
    private long readLines(long start, Set<UrlHash> pages) throws IOException {
        long lineStart = start;
        byte[] tail = new byte[LINE - 1]; // the last 64 bytes of the line being read
        int tailLength = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 18);
            long at = start;
            int read;
            while ((read = in.read(buffer.clear(), at)) > 0) {
                byte[] bytes = buffer.array();
                for (int i = 0; i < read; i++) {
                    if (bytes[i] == '\n') {
                        if (tailLength == tail.length) {
                            String hex = new String(tail, StandardCharsets.US_ASCII);
                            if (UrlHash.isValid(hex)) {
                                pages.add(new UrlHash(hex));
                            }
                        }
                        tailLength = 0;
                        lineStart = at + i + 1;
                    } else if (tailLength < tail.length) {
                        tail[tailLength++] = bytes[i];
                    } else {
                        System.arraycopy(tail, 1, tail, 0, tail.length - 1);
                        tail[tail.length - 1] = bytes[i];
                    }
                }
                at += read;
            }
        }
        return lineStart;
    }

    /** Where a reader stopped: the file it read (its identity) and the offset in it. */
    public record Position(Object fileKey, long offset) {
        public static final Position START = new Position(null, 0);
    }

    /**
     * Pages changed since a position, and the position to read from next. {@code rescan}
     * means the journal cannot say (first read, or it was replaced): look at every page.
     */
    public record Changes(Set<UrlHash> pages, Position next, boolean rescan) {
    }
}

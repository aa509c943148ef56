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

    /**
     * At open: a journal whose size is not whole lines (a write torn by a crash, or the
     * one-byte marks of earlier versions) is replaced by an empty one; readers rescan.
     */
    void repairTornLines() throws IOException {
        try {
            if (Files.size(file) % LINE != 0) {
                compact();
            }
        } catch (NoSuchFileException e) {
            // nothing written yet
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
            return new Changes(Set.of(), new Position(null, 0), from.fileKey() != null);
        }
        Object key = attributes.fileKey();
        boolean sameFile = from.fileKey() != null && from.fileKey().equals(key) && from.offset() <= attributes.size();
        long start = sameFile ? from.offset() : 0;
        Set<UrlHash> pages = new LinkedHashSet<>();
        long end = start;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = in.size();
            // whole lines only: a line being appended right now is read next time
            long usable = start + (size - start) / LINE * LINE;
            ByteBuffer buffer = ByteBuffer.allocate(LINE * 4096);
            for (long at = start; at < usable; ) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), usable - at));
                int read = in.read(buffer, at);
                if (read <= 0) {
                    break;
                }
                for (int i = 0; i + LINE <= read; i += LINE) {
                    String hex = new String(buffer.array(), i, LINE - 1, StandardCharsets.US_ASCII);
                    if (UrlHash.isValid(hex)) {
                        pages.add(new UrlHash(hex));
                    }
                }
                at += read / LINE * LINE;
                end = at;
            }
        }
        return new Changes(pages, new Position(key, end), !sameFile);
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

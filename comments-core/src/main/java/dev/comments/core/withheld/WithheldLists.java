package dev.comments.core.withheld;

import dev.comments.core.store.AtomicFile;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The withheld lists of one server, in its data folder (docs/deploy.md, "Takedowns"):
 * <ul>
 * <li>{@code withheld/own.list}: the operator's own entries, written by the takedown command;
 *     a text file to read, back up and share ({@code GET /withheld} serves it);</li>
 * <li>{@code withheld/followed/<name>.list}: the last copy of each list the server follows
 *     ({@code withheld.follow}), written by the sync agent;</li>
 * <li>{@code withheld/files/<urlHash>/<id>.json}: the comments taken out of the store, kept
 *     for the operator (evidence, or a release).</li>
 * </ul>
 * Every list is replaced whole by an atomic rename. The server, the sync agent and the command
 * are three processes: each reads the union through {@link #current}, which re-reads the lists
 * only when a file changed (one folder listing and a stat per list: a few per call).
 */
public final class WithheldLists {

    private static final String OWN = "own.list";
    private static final String SUFFIX = ".list";
    private static final String OWN_HEADER = """
            Withheld by this server's operator: one entry per line, "comment <id>", "key <public key>" or
            "page <urlHash>", then a note. Written by the takedown command (docs/deploy.md, "Takedowns").""";

    private final Path folder;
    private final Path followed;
    private Object stamp;
    private Withheld current = Withheld.NONE;

    public WithheldLists(Path dataDir) {
        this.folder = dataDir.resolve("withheld");
        this.followed = folder.resolve("followed");
    }

    /** Where withheld comments are kept: {@code <this>/<urlHash>/<id>.json}. */
    public Path heldFiles() {
        return folder.resolve("files");
    }

    public Path ownFile() {
        return folder.resolve(OWN);
    }

    /** The operator's own list (empty when there is none yet). */
    public WithheldList own() throws IOException {
        return read(ownFile());
    }

    public void writeOwn(WithheldList list) throws IOException {
        Files.createDirectories(folder);
        AtomicFile.write(ownFile(), list.render(OWN_HEADER));
    }

    /** The file that keeps the last copy of a followed list: named by a hash of its address. */
    public Path followedFile(URI source) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(source.toString().getBytes(StandardCharsets.UTF_8));
            return followed.resolve(HexFormat.of().formatHex(hash, 0, 8) + SUFFIX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The last copy of a followed list (empty before the first). */
    public WithheldList followed(URI source) throws IOException {
        return read(followedFile(source));
    }

    public void writeFollowed(URI source, WithheldList list) throws IOException {
        Files.createDirectories(followed);
        AtomicFile.write(followedFile(source), list.render("Followed from " + source + "\nRead by the sync agent; "
                + "replaced at each fetch: do not edit."));
    }

    /** Every list: the operator's own, then the followed copies. */
    public List<WithheldList> all() throws IOException {
        List<WithheldList> lists = new ArrayList<>();
        lists.add(own());
        for (Path file : followedFiles()) {
            lists.add(read(file));
        }
        return lists;
    }

    /**
     * The union of every list, re-read when one changed since the last call. An unreadable
     * list is an operator's matter (it is reported by the command); here it counts as empty,
     * never as a reason to refuse every comment.
     */
    public synchronized Withheld current() throws IOException {
        Object now = stamp();
        if (!Objects.equals(now, stamp)) {
            current = Withheld.of(all());
            stamp = now;
        }
        return current;
    }

    private Object stamp() throws IOException {
        List<Object> parts = new ArrayList<>();
        parts.add(fileStamp(ownFile()));
        for (Path file : followedFiles()) {
            parts.add(file.getFileName().toString());
            parts.add(fileStamp(file));
        }
        return parts;
    }

    private static Object fileStamp(Path file) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return List.of(String.valueOf(a.fileKey()), a.size(), a.lastModifiedTime().toMillis());
        } catch (NoSuchFileException e) {
            return "none";
        }
    }

    private List<Path> followedFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(followed, LinkOption.NOFOLLOW_LINKS)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(followed, "*" + SUFFIX)) {
            entries.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    private static WithheldList read(Path file) throws IOException {
        try {
            if (Files.size(file) > WithheldList.MAX_BYTES) {
                throw new IOException(file + " is larger than " + WithheldList.MAX_BYTES + " bytes");
            }
            return WithheldList.parse(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return WithheldList.EMPTY;
        }
    }
}

package dev.comments.core.store;

import dev.comments.core.cid.Cid;
import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.network.UrlHash;
import dev.comments.core.tree.CommentFileName;
import dev.comments.core.parallel.Parallel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The comment store of docs/protocol.md §4: {@code <data>/comments/<urlHash>/<id>.json}, the
 * source of truth of a server. Shared by the server and the sync agent, which run as
 * separate processes, so every guarantee here holds across processes:
 *
 * <ul>
 * <li>A write goes to a temp file in the page's folder, is fsynced, then published with
 *     a hard link to its final name (atomic, and it fails if the name exists, so two
 *     writers of one id cannot both report "created"), then the folder is fsynced.
 *     A crash leaves at most a temp file, never a partial comment.</li>
 * <li>Temp files are named with the writer's pid; leftovers of dead writers are removed
 *     when the store opens and are never listed or read as comments.</li>
 * <li>Only exact urlHashes and ids become path segments; symbolic links are never followed.</li>
 * <li>Nothing here deletes a comment. An operator's takedown ({@link #moveOut}) moves its
 *     file out of the store, into a folder the operator keeps, and back ({@link #write}).</li>
 * </ul>
 *
 * Callers verify comments before writing (VerifiedComment) and after reading.
 */
public final class CommentStore {

    /**
     * fsyncs in flight at once in a group commit: 8 at a time took a quarter of the time
     * of one at a time on the test machine's disk (0.2 against 0.8 ms a file).
     */
    static final int PARALLEL_SYNCS = 8;

    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Path root;
    private final Path changeMarker;
    private final ChangeJournal journal;

    /** One flush for a whole group commit where the system has it (Linux); empty: fsync per file. */
    private final Optional<FileSystemSync> fileSystemSync;

    private CommentStore(Path root) {
        this.root = root;
        this.fileSystemSync = FileSystemSync.open(root);
        this.changeMarker = root.resolve(".changed");
        this.journal = new ChangeJournal(changeMarker);
    }

    /** Opens (creating if needed) the store under {@code <dataDir>/comments}, cleaning dead writers' temp files. */
    public static CommentStore open(Path dataDir) throws IOException {
        Path root = dataDir.resolve("comments");
        Files.createDirectories(root);
        if (!Files.isDirectory(root, NO_FOLLOW)) {
            throw new IOException(root + " must be a real folder, not a link");
        }
        CommentStore store = new CommentStore(root.toRealPath());
        store.cleanDeadWritersTempFiles();
        return store;
    }

    public Path root() {
        return root;
    }

    /** Writes a verified comment durably. Returns CREATED, or EXISTED when the id was already stored. */
    public WriteResult write(VerifiedComment comment) throws IOException {
        return writeAll(List.of(comment)).get(0);
    }

    /**
     * Writes comments durably as one group commit. The invariant: a comment's name exists
     * only for a file whose bytes are already on disk, so a crash at any point leaves whole
     * comments or none (never a short file under a CID, which a retry would then take for
     * "existed"). Each file is written under a temp name; all are made durable; then all are
     * published by hard links and the links made durable. On Linux both "made durable"
     * steps are one {@code syncfs} each, whatever the batch's size ({@link FileSystemSync});
     * elsewhere, each file is fsynced (eight at a time) and each folder touched once. When
     * this returns, every CREATED comment survives a crash; results are in input order.
     */
    public List<WriteResult> writeAll(List<VerifiedComment> comments) throws IOException {
        List<WriteResult> results = new ArrayList<>();
        List<Path> temps = new ArrayList<>();
        List<Integer> toWrite = new ArrayList<>();
        Set<Path> folders = new LinkedHashSet<>();
        Set<UrlHash> changed = new LinkedHashSet<>();
        boolean newFolder = false;
        try {
            for (VerifiedComment comment : comments) {
                Path folder = pageFolder(new UrlHash(comment.comment().url()));
                if (existingComment(folder.resolve(comment.fileName()))) {
                    results.add(WriteResult.EXISTED);
                    temps.add(null);
                    continue;
                }
                newFolder |= ensureFolder(folder);
                temps.add(folder.resolve(TempFileName.of(comment.id())));
                toWrite.add(temps.size() - 1);
                results.add(null);
            }
            if (toWrite.isEmpty()) {
                return results;
            }
            if (fileSystemSync.isPresent()) {
                for (int i : toWrite) {
                    write(temps.get(i), comments.get(i).fileBytes(), false);
                }
                fileSystemSync.get().flush();
            } else {
                Parallel.map(toWrite, PARALLEL_SYNCS, i -> {
                    write(temps.get(i), comments.get(i).fileBytes(), true);
                    return i;
                });
            }
            for (int i = 0; i < comments.size(); i++) {
                if (temps.get(i) == null) {
                    continue;
                }
                Path folder = temps.get(i).getParent();
                try {
                    Files.createLink(folder.resolve(comments.get(i).fileName()), temps.get(i));
                    results.set(i, WriteResult.CREATED);
                    folders.add(folder);
                    changed.add(new UrlHash(folder.getFileName().toString()));
                } catch (FileAlreadyExistsException e) {
                    results.set(i, WriteResult.EXISTED);
                }
            }
            if (fileSystemSync.isPresent()) {
                fileSystemSync.get().flush(); // the links, and any new folder's name in the root
            } else {
                Parallel.map(new ArrayList<>(folders), PARALLEL_SYNCS, folder -> {
                    syncFolder(folder);
                    return folder;
                });
                if (newFolder) {
                    syncFolder(root);
                }
            }
        } finally {
            for (Path temp : temps) {
                if (temp != null) {
                    Files.deleteIfExists(temp);
                }
            }
        }
        if (!changed.isEmpty()) {
            journal.append(changed);
        }
        return results;
    }

    /**
     * Moves these comments of a page out of the store into {@code <into>/<urlHash>/} (an
     * operator's takedown: the server stops publishing them at its next change, which the
     * journal announces). Atomic per file (a rename in one file system), durable when this
     * returns; an id the page does not hold is skipped. Returns the ids moved.
     */
    public List<Cid> moveOut(UrlHash page, Collection<Cid> ids, Path into) throws IOException {
        Path folder = pageFolder(page);
        Path target = into.resolve(page.hex());
        Files.createDirectories(target);
        List<Cid> moved = new ArrayList<>();
        for (Cid id : ids) {
            Path file = folder.resolve(CommentFileName.of(id));
            if (!Files.isRegularFile(file, NO_FOLLOW)) {
                continue;
            }
            Files.move(file, target.resolve(CommentFileName.of(id)), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            moved.add(id);
        }
        if (!moved.isEmpty()) {
            syncFolder(target);
            syncFolder(folder);
            journal.append(List.of(page));
        }
        return moved;
    }

    /** True when a group commit costs two flushes of the file system, not one per file. */
    public boolean flushesWholeBatches() {
        return fileSystemSync.isPresent();
    }

    /** True for a stored comment; a link or anything else squatting on its name is an error, never "existed". */
    private static boolean existingComment(Path target) throws IOException {
        if (!Files.exists(target, NO_FOLLOW)) {
            return false;
        }
        if (!Files.isRegularFile(target, NO_FOLLOW)) {
            throw new IOException(target + " exists and is not a regular file");
        }
        return true;
    }

    /** The ids stored for a page, sorted; empty for a page with none. */
    public List<Cid> list(UrlHash page) throws IOException {
        List<Cid> ids = new ArrayList<>();
        for (StoredFile file : files(page)) {
            ids.add(file.id());
        }
        ids.sort((x, y) -> x.text().compareTo(y.text()));
        return ids;
    }

    /** The pages that have a folder, sorted. */
    public List<UrlHash> pages() throws IOException {
        List<UrlHash> pages = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (UrlHash.isValid(name) && Files.isDirectory(entry, NO_FOLLOW)) {
                    pages.add(new UrlHash(name));
                }
            }
        }
        pages.sort((a, b) -> a.hex().compareTo(b.hex()));
        return pages;
    }

    /** The bytes of one stored comment, if present. Callers verify them before use. */
    public Optional<byte[]> read(UrlHash page, Cid id) throws IOException {
        Path file = pageFolder(page).resolve(CommentFileName.of(id));
        if (!Files.isRegularFile(file, NO_FOLLOW)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            if (size > dev.comments.core.comment.CommentLimits.MAX_FILE_BYTES) {
                throw new IOException(file + " is larger than any valid comment");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read until full or end of file
            }
            return Optional.of(buffer.array());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * A cheap stamp of a page's folder (one stat): it changes whenever a comment is added
     * to the page, by this process or another. See {@link ChangeStamp} for when it can be trusted.
     */
    public ChangeStamp pageStamp(UrlHash page) throws IOException {
        return stampOf(pageFolder(page));
    }

    /** A cheap stamp that changes whenever any comment is added anywhere in the store. */
    public ChangeStamp storeStamp() throws IOException {
        return stampOf(changeMarker);
    }

    private ChangeStamp stampOf(Path path) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, NO_FOLLOW);
            return ChangeStamp.of(a.lastModifiedTime().toInstant(), a.size());
        } catch (NoSuchFileException e) {
            return ChangeStamp.NONE;
        }
    }

    /** The pages changed since a position of the change journal ({@link ChangeJournal}). */
    public ChangeJournal.Changes changesSince(ChangeJournal.Position from) throws IOException {
        return journal.since(from);
    }

    /**
     * The comment files of a page as the file system describes them: id (from the name, which
     * the store only ever gives a file whose bytes hash to it), size and modification time.
     * One directory read and one stat per file; nothing is read or hashed.
     */
    public List<StoredFile> files(UrlHash page) throws IOException {
        Path folder = pageFolder(page);
        List<StoredFile> files = new ArrayList<>();
        if (!Files.isDirectory(folder, NO_FOLLOW)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                Optional<Cid> id = CommentFileName.idOf(entry.getFileName().toString());
                if (id.isEmpty()) {
                    continue;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(entry, BasicFileAttributes.class, NO_FOLLOW);
                    if (a.isRegularFile()) {
                        files.add(new StoredFile(id.get(), a.size(), a.lastModifiedTime().toMillis()));
                    }
                } catch (NoSuchFileException gone) {
                    // removed meanwhile (a quarantine): not a comment of this page any more
                }
            }
        } catch (NoSuchFileException e) {
            return files;
        }
        return files;
    }

    /**
     * The names in a page's folder as the directory lists them: one directory read, no stat
     * and no parsing, for a caller that knows most of them already (the publisher's kept
     * folders: a page of 10,000 costs ~10,000 stats less than {@link #files}). Not every name
     * is a comment's: {@link CommentFileName#idOf} says which are.
     */
    public List<String> names(UrlHash page) {
        // File.list returns the names from one native call; a DirectoryStream builds a Path per
        // entry first, 3-5 times slower for a page of 10,000
        String[] names = pageFolder(page).toFile().list();
        return names == null ? List.of() : Arrays.asList(names);
    }

    /** One comment file as {@link #files} describes it; empty when there is none (or not a regular file). */
    public Optional<StoredFile> file(UrlHash page, Cid id) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(pageFolder(page).resolve(CommentFileName.of(id)),
                    BasicFileAttributes.class, NO_FOLLOW);
            return a.isRegularFile() ? Optional.of(new StoredFile(id, a.size(), a.lastModifiedTime().toMillis()))
                    : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** A stored comment file: its id, its size in bytes, and when it was written (ms since the epoch). */
    public record StoredFile(Cid id, long size, long modifiedMillis) {
    }

    private Path pageFolder(UrlHash page) {
        // UrlHash admits exactly 64 lowercase hex characters: no separator or dot can get in.
        return root.resolve(page.hex());
    }

    private static boolean ensureFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder, NO_FOLLOW)) {
            return false;
        }
        try {
            Files.createDirectory(folder);
            return true;
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(folder, NO_FOLLOW)) {
                throw new IOException(folder + " exists and is not a folder");
            }
            return false;
        }
    }

    private static void write(Path temp, byte[] bytes, boolean sync) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (sync) {
                channel.force(true);
            }
        }
    }

    /** fsync of a folder makes the names in it durable (POSIX; Linux honours it on a read-only descriptor). */
    static void syncFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private void cleanDeadWritersTempFiles() throws IOException {
        for (UrlHash page : pages()) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(pageFolder(page), ".*.tmp")) {
                for (Path entry : entries) {
                    OptionalLong writer = TempFileName.writerPid(entry.getFileName().toString());
                    if (writer.isPresent() && !isAlive(writer.getAsLong())) {
                        Files.deleteIfExists(entry);
                    }
                }
            }
        }
    }

    private static boolean isAlive(long pid) {
        return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Whether a write added the comment or found it already stored. */
    public enum WriteResult {
        CREATED, EXISTED
    }
}

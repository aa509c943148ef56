package dev.comments.server.comments.control;

import dev.comments.core.cid.Cid;
import dev.comments.core.dag.UnixFsFolder;
import dev.comments.core.network.UrlHash;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The folders of large pages as the daemon last received them, so that a new comment in a
 * page of 10,000 costs its own block and the few shards above it, not the whole folder
 * encoded and sent again (docs/adr/007-published-dag.md).
 *
 * <p>Memory is a budget of entries across all kept folders (about 250 bytes each: link,
 * name, CID and hash); past it the folder changed least recently goes. A page smaller than
 * {@link #MIN_ENTRIES} is not kept: its one flat node re-encodes in well under a
 * millisecond. A page that left the budget is rebuilt from its listing at its next change,
 * as before it was kept, and kept again.
 *
 * <p>Not thread-safe: the publisher uses it under its lock.
 */
final class LargeFolders {

    static final int MIN_ENTRIES = 256;
    /** About 25 MB of a server's heap at the default (the server runs with 512 MiB). */
    static final long DEFAULT_ENTRY_BUDGET = 100_000;

    private final long budget;
    private final LinkedHashMap<UrlHash, UnixFsFolder> folders = new LinkedHashMap<>(16, 0.75f, true);
    private long entries;

    LargeFolders(long budget) {
        this.budget = budget;
    }

    /**
     * Removes and returns the kept folder of {@code page} when it is the one the root links
     * ({@code published}); null otherwise. The caller keeps it again once the daemon holds
     * what it changed, so a failed publication never leaves a folder here that the daemon lacks.
     */
    UnixFsFolder take(UrlHash page, Cid published) {
        UnixFsFolder folder = folders.remove(page);
        if (folder == null) {
            return null;
        }
        entries -= folder.size();
        return published != null && folder.linkAs(page.hex()).cid().equals(published) ? folder : null;
    }

    /** Keeps {@code folder} as the daemon now holds it, if it is large enough and fits the budget. */
    void keep(UrlHash page, UnixFsFolder folder) {
        if (folder.size() < MIN_ENTRIES || folder.size() > budget) {
            return;
        }
        UnixFsFolder old = folders.put(page, folder);
        entries += folder.size() - (old == null ? 0 : old.size());
        Iterator<Map.Entry<UrlHash, UnixFsFolder>> eldest = folders.entrySet().iterator();
        while (entries > budget && eldest.hasNext()) {
            entries -= eldest.next().getValue().size();
            eldest.remove();
        }
    }

    void clear() {
        folders.clear();
        entries = 0;
    }

    long entries() {
        return entries;
    }

    int folders() {
        return folders.size();
    }
}

package dev.comments.server.comments.control;

import dev.comments.core.log.EventLog;
import dev.comments.core.cid.Cid;
import dev.comments.core.network.UrlHash;
import dev.comments.core.store.ChangeStamp;
import dev.comments.core.store.CommentStore;
import dev.comments.core.tree.CommentFileName;
import dev.comments.server.ipfs.IpfsFolders;
import dev.comments.server.ipfs.IpfsUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Publishes the store to IPFS and answers folder CIDs (docs/architecture.md, "Processes on one server"): each page's folder
 * lives in the daemon's files API at {@code /comments/<urlHash>/}; only comments not yet
 * there are added ({@code block/put} + {@code files/cp}), and a page whose change stamp
 * has not moved is answered from memory without asking the daemon anything.
 *
 * <p>The store is the source of truth. When the daemon's copy no longer matches what was
 * published (it restarted empty, or lost its files-API root), {@link #invalidate} starts a
 * new epoch and every folder is rebuilt from the store on its next request.
 */
@ApplicationScoped
public class FolderPublisher {

    static final String ROOT = "/comments";
    /** An empty folder kept outside the tree, so that its block exists and its CID is the daemon's own. */
    static final String EMPTY = "/.empty-folder";
    /** Exists while the daemon keeps the files API we filled; gone after it restarts empty. */
    static final String MARKER = "/.published-by-comments-server";

    private static final Logger LOG = Logger.getLogger(FolderPublisher.class.getName());

    @Inject
    CommentStore store;

    @Inject
    IpfsFolders ipfs;

    private final Map<UrlHash, PageFolder> pages = new ConcurrentHashMap<>();
    private final Map<UrlHash, Object> pageLocks = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
    private volatile TreeFolder tree;
    private volatile String emptyFolderCid;
    private volatile String pinnedRoot;

    /** A page's folder: its CID and number of comments. */
    public record Folder(String cid, int count) {
    }

    private record PageFolder(Folder folder, ChangeStamp stamp, Instant readAt, long epoch, Set<String> names,
            String pinned) {
        boolean stillValid(ChangeStamp now, long currentEpoch) {
            return epoch == currentEpoch && stamp.equals(now) && stamp.settledAt(readAt);
        }
    }

    private record TreeFolder(String cid, ChangeStamp stamp, Instant readAt, long epoch) {
        boolean stillValid(ChangeStamp now, long currentEpoch) {
            return epoch == currentEpoch && stamp.equals(now) && stamp.settledAt(readAt);
        }
    }

    /** The folder CID and count of one page. */
    public Folder page(UrlHash page) {
        long current = epoch.get();
        PageFolder cached = pages.get(page);
        if (cached != null && cached.stillValid(stamp(page), current)) {
            return cached.folder();
        }
        synchronized (pageLocks.computeIfAbsent(page, p -> new Object())) {
            return refresh(page).folder();
        }
    }

    /** The CID of the folder that holds one sub-folder per page: the whole store, for peers. */
    public String tree() {
        long current = epoch.get();
        ChangeStamp storeStamp = storeStamp();
        TreeFolder cached = tree;
        if (cached != null && cached.stillValid(storeStamp, current)) {
            return cached.cid();
        }
        synchronized (this) {
            Instant readAt = Instant.now();
            for (UrlHash page : pages()) {
                page(page);
            }
            ipfs.mkdir(ROOT);
            String cid = ipfs.cidOf(ROOT).orElseThrow(() -> new IpfsUnavailableException("the daemon lost " + ROOT, null));
            if (pin(pinnedRoot, cid, "tree")) {
                pinnedRoot = cid;
            }
            tree = new TreeFolder(cid, storeStamp, readAt, current);
            return cid;
        }
    }

    /**
     * Checks that the daemon still holds the files API we filled; when it does not (it
     * restarted with an empty repo, or lost its files-API root), starts a rebuild.
     * Returns false when a rebuild was started.
     */
    public boolean checkDaemonCopy() {
        if (ipfs.cidOf(MARKER).isPresent()) {
            return true;
        }
        invalidate("the daemon has no files-API copy of ours (restarted empty, or lost its files-API root)");
        ipfs.mkdir(MARKER);
        return false;
    }

    /** Forgets everything published: the next request of each folder rebuilds it from the store. */
    public void invalidate(String why) {
        long next = epoch.incrementAndGet();
        tree = null;
        emptyFolderCid = null;
        pinnedRoot = null;
        LOG.warning(() -> "event=ipfs-rebuild" + EventLog.pairs("epoch", next, "reason", why,
                "action", "folders are republished from the store on their next request"));
    }

    private PageFolder refresh(UrlHash page) {
        // The names cached for this page are only true of the daemon we filled: check that it is
        // still that daemon (one files/stat) before trusting them, rather than wait for DaemonWatch.
        checkDaemonCopy();
        long current = epoch.get();
        Instant readAt = Instant.now();
        ChangeStamp stamp = stamp(page);
        PageFolder cached = pages.get(page);
        if (cached != null && cached.stillValid(stamp, current)) {
            return cached;
        }
        List<Cid> ids = list(page);
        PageFolder fresh;
        if (ids.isEmpty()) {
            fresh = new PageFolder(new Folder(emptyFolderCid(), 0), stamp, readAt, current, Set.of(), null);
        } else {
            String path = ROOT + "/" + page.hex();
            // After a new epoch (or our own restart) ask the daemon what it already has.
            Set<String> names = cached != null && cached.epoch() == current
                    ? new HashSet<>(cached.names()) : new HashSet<>(ipfs.names(path));
            int added = 0;
            for (Cid id : ids) {
                String name = CommentFileName.of(id);
                if (!names.contains(name) && publish(page, id, path + "/" + name)) {
                    names.add(name);
                    added++;
                }
            }
            String cid = ipfs.cidOf(path).orElseThrow(() -> new IpfsUnavailableException("the daemon lost " + path, null));
            String pinned = cached != null && cached.epoch() == current ? cached.pinned() : null;
            // A failed pin is tried again at the page's next change; the folder is answered either way.
            String nowPinned = cid.equals(pinned) || pin(pinned, cid, page.hex()) ? cid : pinned;
            fresh = new PageFolder(new Folder(cid, names.size()), stamp, readAt, current, Set.copyOf(names), nowPinned);
            if (added > 0) {
                int n = added;
                LOG.info(() -> "event=folder-published page=" + page + " added=" + n + " count=" + names.size() + " cid=" + cid);
            }
        }
        pages.put(page, fresh);
        return fresh;
    }

    /**
     * Moves a pin. Pins only keep blocks from garbage collection, which the files API already
     * does for everything published, so a failed pin (for instance a CID pinned already by an
     * import) is logged and never keeps a folder from being answered. A daemon that is down
     * fails the surrounding calls anyway.
     */
    private boolean pin(String oldCid, String newCid, String what) {
        try {
            ipfs.repin(oldCid, newCid);
            return true;
        } catch (IpfsUnavailableException e) {
            LOG.warning(() -> "event=pin-failed" + EventLog.pairs("folder", what, "cid", newCid, "error", e.getMessage()));
            return false;
        }
    }

    /** Adds one stored file to the page's folder as it is; readers verify it against its name. */
    private boolean publish(UrlHash page, Cid id, String path) {
        byte[] bytes;
        try {
            var read = store.read(page, id);
            if (read.isEmpty()) {
                return false;
            }
            bytes = read.get();
        } catch (IOException e) {
            LOG.warning(() -> "event=store-read-failed" + EventLog.pairs("page", page, "id", id, "error", e.getMessage()));
            return false;
        }
        String cid = ipfs.putRawBlock(bytes);
        if (!cid.equals(id.text())) {
            LOG.warning(() -> "event=store-file-mismatch page=" + page + " id=" + id + " content=" + cid
                    + " note=\"published as it is; readers drop it\"");
        }
        ipfs.copy(cid, path);
        return true;
    }

    private String emptyFolderCid() {
        String cid = emptyFolderCid;
        if (cid == null) {
            ipfs.mkdir(EMPTY);
            cid = ipfs.cidOf(EMPTY).orElseThrow(() -> new IpfsUnavailableException("the daemon lost " + EMPTY, null));
            emptyFolderCid = cid;
        }
        return cid;
    }

    private ChangeStamp stamp(UrlHash page) {
        try {
            return store.pageStamp(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ChangeStamp storeStamp() {
        try {
            return store.storeStamp();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Cid> list(UrlHash page) {
        try {
            return store.list(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<UrlHash> pages() {
        try {
            return store.pages();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

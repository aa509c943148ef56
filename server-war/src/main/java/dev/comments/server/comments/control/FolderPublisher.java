package dev.comments.server.comments.control;

import dev.comments.core.cid.Cid;
import dev.comments.core.config.Config;
import dev.comments.core.dag.CarWriter;
import dev.comments.core.dag.DagBlock;
import dev.comments.core.dag.DagFolders;
import dev.comments.core.dag.DagLink;
import dev.comments.core.dag.UnixFsFolder;
import dev.comments.core.json.Jsons;
import dev.comments.core.kubo.Repo;
import dev.comments.core.lifecycle.Lifecycle;
import dev.comments.core.lifecycle.LifecycleGate;
import dev.comments.core.lifecycle.Shutdown;
import dev.comments.core.log.EventLog;
import dev.comments.core.network.UrlHash;
import dev.comments.core.store.ChangeJournal;
import dev.comments.core.store.ChangeStamp;
import dev.comments.core.store.CommentStore;
import dev.comments.core.store.CommentStore.StoredFile;
import dev.comments.core.tree.CommentFileName;
import dev.comments.core.tree.PublishedRoot;
import dev.comments.server.ipfs.IpfsFolders;
import dev.comments.server.ipfs.IpfsUnavailableException;
import dev.comments.server.metrics.control.ServerMetrics;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes the store as one Merkle DAG and answers folder CIDs (docs/adr/007-published-dag.md).
 *
 * <p>The tree is computed here, not in the daemon: each page's folder from the names and
 * sizes of its files (a comment's name is its CID), the root over page folders, both as
 * kubo's {@code ipfs add -r --cid-version=1 --raw-leaves} would build them. A change costs
 * the changed page's listing, its folder's blocks, the root shards above it and one
 * {@code dag/import} of those blocks plus the new comments; the answer goes out then, and
 * the single recursive pin follows the root by {@code pin/update} off the reader's path
 * ({@link #movePinIfBehind}). Which pages changed comes from the store's change journal,
 * so the cost never grows with the store's size.
 *
 * <p>At start, or when the daemon lost our root, the whole tree is rebuilt from the store
 * in the background ({@code GET}s answer 503 {@code rebuilding} meanwhile) and what the
 * daemon lacks is streamed to it in one CAR: all of it for an empty daemon; for a daemon
 * that still holds our last root, only the folders that differ and the comments that
 * those folders did not have.
 *
 * <p>Memory: one small record per page with comments read or changed since start (none for a
 * page without comments, however many are asked for), plus the root's entries (one link per
 * page with comments). Old directory blocks become garbage when the pin moves, and blocks the
 * sync agent fetched and refused are never pinned; {@link #collectGarbageIfDue} has the daemon
 * remove them, also whenever its repository passes {@link #GC_WATERMARK} of its storage limit.
 *
 * <p>Its background threads, the pin mover and a rebuild, make it a long-running part
 * ({@link Lifecycle}), started and stopped with the server's others
 * ({@code lifecycle/ServerParts}): no pin moves in the background before its start (the
 * daemon watch's checks move it meanwhile), and none, nor a rebuild, after its stop.
 */
@ApplicationScoped
public class FolderPublisher implements Lifecycle {

    /** How long a stop waits for a pin move, then for a rebuild, in progress; then they are interrupted. */
    static final Duration GRACE = Duration.ofSeconds(30);

    /**
     * A file written this long before a page's last listing might still have been linked
     * after it (the store fsyncs a file before linking its name): such files are sent again.
     */
    static final Duration LINK_MARGIN = Duration.ofSeconds(60);
    /** Garbage collection after this many bytes of replaced directory blocks... */
    static final long GC_AFTER_BYTES = 32L << 20;
    /** ...but not more often than this, and at least this often when there is any. */
    static final Duration GC_MIN_INTERVAL = Duration.ofSeconds(60);
    static final Duration GC_MAX_INTERVAL = Duration.ofMinutes(15);
    /**
     * The daemon's repository past this share of its limit (Datastore.StorageMax, which kubo
     * itself only enforces with --enable-gc, which we do not pass: docs/kubo.md) is collected
     * at the next check; if a collection left it past the mark (the store itself is that big),
     * the next one waits GC_MAX_INTERVAL, and the operator is told to raise the limit.
     */
    static final double GC_WATERMARK = 0.9;
    /** How often the repository's size is read (one repo/stat --size-only). */
    static final Duration REPO_CHECK_INTERVAL = Duration.ofSeconds(10);

    private static final Cid EMPTY_FOLDER = new UnixFsFolder().encode(b -> { }).cid();

    @Inject
    CommentStore store;

    @Inject
    IpfsFolders ipfs;

    @Inject
    Config config;

    @Inject
    ServerMetrics metrics;

    @Resource
    ManagedThreadFactory threads;

    private final ReentrantLock lock = new ReentrantLock();
    /** Held while the pin moves; taken after {@link #lock} when both are needed. */
    private final ReentrantLock pinLock = new ReentrantLock();
    /** The root the daemon keeps pinned (and {@code published-root} names); guarded by pinLock. */
    private volatile Cid pinnedRoot;
    private final AtomicBoolean pinQueued = new AtomicBoolean();
    private volatile ExecutorService pinMover;
    private final LifecycleGate gate = new LifecycleGate("the folder publisher");
    private final Map<UrlHash, PageState> pages = new ConcurrentHashMap<>();
    /**
     * The counts of {@link #pages}, sorted by urlHash for bucket answers ({@link #bucket}); kept
     * apart so that the hot path's lookup in {@link #pages} stays one hash lookup. Written with
     * it, under lock.
     */
    private final PageCounts counts = new PageCounts();
    /** Guarded by lock. */
    private final LargeFolders largeFolders = new LargeFolders(LargeFolders.DEFAULT_ENTRY_BUDGET);
    /**
     * Pages of a publication that failed, and whether its root went unsent; guarded by lock.
     * The root and their folders already hold the changes the daemon never received, so the
     * next publication sends those pages whole, and every shard of the root.
     */
    private final Set<UrlHash> unsent = new java.util.HashSet<>();
    private boolean rootUnsent;
    /** Guarded by lock. */
    private UnixFsFolder root;
    /** Guarded by lock. */
    private ChangeJournal.Position position = ChangeJournal.Position.START;
    private volatile Published published;
    private volatile long epoch;
    private volatile Thread rebuild;
    /** False once a check found the daemon silent: a CID nobody can serve would only make readers wait. */
    private volatile boolean daemonAnswers = true;
    /** The comments of the pages in {@link #pages}: every page with comments once the tree was (re)built. Guarded by lock. */
    private long publishedComments;
    private long garbageBytes;
    private Instant lastGc = Instant.now();
    /** Read and written only by collectGarbageIfDue, which only the daemon watch's one thread calls. */
    private Instant lastRepoCheck = Instant.MIN;
    /** When a collection for the watermark left the repository past it; null otherwise. Same thread. */
    private Instant stillFullSince;

    /**
     * A published folder as the API answers it: its CID (the answer's ETag), for a page its
     * number of comments, and the answer's JSON bytes, built once per publication so that
     * a read of an unchanged folder writes them as they are.
     */
    public record Folder(String cid, int count, byte[] json) {

        static Folder page(String cid, int count) {
            return new Folder(cid, count, Jsons.object().add("cid", cid).add("count", count).build().toString()
                    .getBytes(StandardCharsets.UTF_8));
        }

        static Folder root(Cid cid) {
            return new Folder(cid.text(), -1, Jsons.object().add("cid", cid.text()).build().toString()
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final Folder EMPTY_PAGE = Folder.page(EMPTY_FOLDER.text(), 0);

    private record PageState(Folder folder, ChangeStamp stamp, Instant listedAt, long epoch) {
    }

    private record Published(Cid root, Folder answer, ChangeStamp stamp, Instant readAt, long epoch) {

        Published(Cid root, ChangeStamp stamp, Instant readAt, long epoch) {
            this(root, Folder.root(root), stamp, readAt, epoch);
        }
    }

    /** The folder CID and count of one page; may publish the page first. */
    public Folder page(UrlHash page) {
        requirePublished();
        Optional<Folder> ready = settledPage(page);
        if (ready.isPresent()) {
            return ready.get();
        }
        lock.lock();
        try {
            requirePublished();
            publish(Set.of(page));
            PageState fresh = pages.get(page);
            return fresh != null ? fresh.folder() : EMPTY_PAGE;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The page's folder when answering it takes no work: the tree is published, and the page
     * has no comments or has not changed since it was last published, long enough ago for
     * its change stamp to be trusted. One stat of the page's folder and one map lookup; no
     * lock, no daemon, so the API answers it on the request's own thread.
     */
    public Optional<Folder> settledPage(UrlHash page) {
        Published current = published;
        if (current == null || rebuild != null || !daemonAnswers) {
            return Optional.empty();
        }
        ChangeStamp stamp;
        try {
            stamp = stamp(page);
        } catch (UncheckedIOException e) {
            return Optional.empty(); // the slow path reports it
        }
        if (stamp.equals(ChangeStamp.NONE)) {
            return Optional.of(EMPTY_PAGE);
        }
        PageState cached = pages.get(page);
        if (cached != null && cached.epoch() == current.epoch() && cached.stamp().equals(stamp)
                && stamp.settledAt(cached.listedAt())) {
            return Optional.of(cached.folder());
        }
        return Optional.empty();
    }

    /** The root: one entry per page with comments, the whole store, for peers; may publish first. */
    public Folder tree() {
        requirePublished();
        Optional<Folder> ready = settledTree();
        if (ready.isPresent()) {
            return ready.get();
        }
        lock.lock();
        try {
            requirePublished();
            publish(Set.of());
            return published.answer();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The counts of every page whose urlHash starts with {@code prefix} (a {@link BucketPrefix}),
     * as published now: the tree is brought up to date first, as for {@link #tree}, so a count
     * is the one {@code GET /{urlHash}} would answer. Costs O(log pages + MAX_PAGES) on the
     * sorted index ({@link PageCounts}), plus a publication when the store changed.
     */
    public PageCounts.Bucket bucket(String prefix) {
        Published before = requirePublished();
        if (settledTree().isEmpty()) {
            lock.lock();
            try {
                before = requirePublished();
                publish(Set.of());
            } finally {
                lock.unlock();
            }
        }
        PageCounts.Bucket bucket = counts.bucket(prefix, BucketPrefix.MAX_PAGES);
        // a rebuild that began meanwhile empties the index before it fills it again: never answer from that
        if (rebuild != null || before.epoch() != epoch) {
            throw new RebuildingException("the published tree is being rebuilt from the store");
        }
        return bucket;
    }

    /** The root when answering it takes no work, as {@link #settledPage} for a page. */
    public Optional<Folder> settledTree() {
        Published current = published;
        if (current == null || rebuild != null || !daemonAnswers) {
            return Optional.empty();
        }
        ChangeStamp stamp;
        try {
            stamp = storeStamp();
        } catch (UncheckedIOException e) {
            return Optional.empty(); // the slow path reports it
        }
        return current.stamp().equals(stamp) && stamp.settledAt(current.readAt()) ? Optional.of(current.answer())
                : Optional.empty();
    }

    /**
     * Checks that the daemon still keeps our root; when it does not (it restarted with an
     * emptied repo), or nothing was published yet, starts a rebuild. Returns false when a
     * rebuild runs.
     */
    public boolean checkDaemonCopy() {
        if (rebuild != null) {
            return false;
        }
        Published current = published;
        Cid pinned = pinnedRoot;
        boolean holdsRoot;
        try {
            holdsRoot = current != null && pinned != null && ipfs.isPinned(pinned.text());
            if (!holdsRoot && current != null) {
                holdsRoot = holdsRootUnderLock();
            }
            if (!holdsRoot) {
                ipfs.version(); // a daemon that is down fails here, before any rebuild starts
            }
            daemonAnswers = true;
        } catch (IpfsUnavailableException e) {
            daemonAnswers = false;
            throw e;
        }
        if (holdsRoot) {
            return true;
        }
        startRebuild(current == null ? "server start" : "the daemon no longer holds our root " + current.root());
        return false;
    }

    /**
     * Asks again with the pin at rest: a move takes the pin from the root read above to a
     * newer one, and that root's missing pin is no reason to rebuild.
     */
    private boolean holdsRootUnderLock() {
        pinLock.lock();
        try {
            Cid pinned = pinnedRoot;
            return rebuild == null && pinned != null && ipfs.isPinned(pinned.text());
        } finally {
            pinLock.unlock();
        }
    }

    /**
     * Moves the daemon's pin to the last published root, and {@code published-root} with it,
     * if it is behind. A publication answers once the daemon holds the new blocks; the pin
     * follows here, off the reader's path (pin/update and an fsync cost more than the rest of
     * a publication). Until it has moved, nothing collects the new blocks: the daemon runs no
     * garbage collection of its own, and ours moves the pin first. A daemon that lost the old
     * pin refuses the move; the next check of the daemon then rebuilds.
     */
    public void movePinIfBehind() {
        pinLock.lock();
        try {
            Published current = published;
            Cid pinned = pinnedRoot;
            if (current == null || pinned == null || pinned.equals(current.root()) || rebuild != null) {
                return;
            }
            ipfs.movePin(pinned.text(), current.root().text());
            pinnedRoot = current.root();
            PublishedRoot.write(config.dataDir(), current.root());
        } catch (IpfsUnavailableException | IOException e) {
            EventLog.event("warn", "pin-move-failed", "error", e.getMessage(),
                    "action", "tried again at the next check of the daemon");
        } finally {
            pinLock.unlock();
        }
    }

    /**
     * Has the pin mover follow a new root soon; at most one move waits at a time. Before the
     * start or after the stop there is no mover: the daemon watch's next check moves the pin.
     */
    private void queuePinMove() {
        ExecutorService mover = pinMover;
        if (mover == null || !pinQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            mover.execute(() -> {
                pinQueued.set(false);
                movePinIfBehind();
            });
        } catch (RejectedExecutionException e) {
            pinQueued.set(false); // stopping
        }
    }

    /** The pin mover; a rebuild starts when the daemon watch or a request finds no tree. */
    @Override
    public void start() {
        gate.start(() -> pinMover = Executors.newSingleThreadExecutor(threads));
    }

    /** Ends the pin mover, then a rebuild in progress, each within {@link #GRACE}; no rebuild starts after. */
    @Override
    public void stop() {
        gate.stop(() -> {
            stopPinMover();
            stopRebuild();
        });
    }

    private void stopPinMover() {
        Shutdown.within(pinMover, GRACE);
    }

    /** Read under the lock {@link #startRebuild} holds, so a rebuild it starts now is seen here or not started. */
    private void stopRebuild() {
        Thread running;
        synchronized (this) {
            running = rebuild;
        }
        if (running == null) {
            return;
        }
        try {
            running.join(GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.isAlive()) {
            running.interrupt(); // past the grace: the rebuild fails, and the next start rebuilds again
        }
    }

    /** Whether the publisher's threads are done (for tests: they are once stop has returned). */
    boolean stopped() {
        ExecutorService mover = pinMover;
        return rebuild == null && (mover == null || mover.isTerminated());
    }

    /**
     * Publishes what changed in the store since the last publication (comments the sync agent
     * wrote, say), when nobody else is publishing: called every few seconds, so a peer's
     * {@code GET /} finds the tree up to date.
     */
    public void publishPending() {
        Published current = published;
        if (current == null || rebuild != null || !daemonAnswers) {
            return;
        }
        ChangeStamp stamp = storeStamp();
        if (current.stamp().equals(stamp) && stamp.settledAt(current.readAt())) {
            return;
        }
        if (lock.tryLock()) {
            try {
                publish(Set.of());
            } finally {
                lock.unlock();
            }
        }
    }

    /** Has the daemon drop replaced directory blocks once enough of them piled up (see the GC_ constants). */
    public void collectGarbageIfDue() {
        Duration since = Duration.between(lastGc, Instant.now());
        boolean due = garbageBytes > 0 && (garbageBytes >= GC_AFTER_BYTES && since.compareTo(GC_MIN_INTERVAL) >= 0
                || since.compareTo(GC_MAX_INTERVAL) >= 0);
        boolean full = !due && repoPastWatermark();
        if (!due && !full || rebuild != null || !lock.tryLock()) {
            return;
        }
        try {
            movePinIfBehind();
            Published current = published;
            if (current == null || !current.root().equals(pinnedRoot)) {
                return; // new blocks not yet pinned: collecting now would remove them
            }
            long start = System.nanoTime();
            ipfs.collectGarbage();
            long bytes = garbageBytes;
            garbageBytes = 0;
            lastGc = Instant.now();
            EventLog.event("info", "ipfs-gc", "replaced_bytes", bytes, "reason", full ? "repository past its watermark" : "replaced blocks",
                    "ms", (System.nanoTime() - start) / 1_000_000);
            if (full) {
                lastRepoCheck = Instant.MIN;
                stillFullSince = repoPastWatermark() ? Instant.now() : null;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * True when the daemon's repository is past {@link #GC_WATERMARK} of its limit, read at most
     * every {@link #REPO_CHECK_INTERVAL}; false meanwhile, and for GC_MAX_INTERVAL after a
     * collection that could not bring it under (what is pinned is that big).
     */
    private boolean repoPastWatermark() {
        Instant now = Instant.now();
        if (Duration.between(lastRepoCheck, now).compareTo(REPO_CHECK_INTERVAL) < 0
                || stillFullSince != null && Duration.between(stillFullSince, now).compareTo(GC_MAX_INTERVAL) < 0) {
            return false;
        }
        lastRepoCheck = now;
        Repo.Stat stat = ipfs.repoStat();
        boolean past = stat.repoSize() >= stat.storageMax() * GC_WATERMARK;
        if (past && stillFullSince != null) {
            EventLog.event("warn", "ipfs-repo-full", "size", stat.repoSize(), "max", stat.storageMax(),
                    "action", "collected garbage and it is still past " + (int) (GC_WATERMARK * 100)
                            + "% of Datastore.StorageMax: raise it (docs/kubo.md) or give the server more disk");
        }
        return past;
    }

    private Published requirePublished() {
        if (!daemonAnswers) {
            throw new IpfsUnavailableException("the daemon did not answer its last check", null);
        }
        Published current = published;
        if (current == null || rebuild != null) {
            if (rebuild == null) {
                startRebuild("first request");
            }
            throw new RebuildingException("the published tree is being rebuilt from the store");
        }
        return current;
    }

    private synchronized void startRebuild(String why) {
        if (rebuild != null || gate.stopping()) {
            return;
        }
        Thread thread = threads.newThread(() -> rebuild(why));
        thread.setName("publisher-rebuild");
        rebuild = thread;
        thread.start();
    }

    private void rebuild(String why) {
        long start = System.nanoTime();
        EventLog.event("warn", "ipfs-rebuild", "reason", why,
                "action", "the tree is rebuilt from the store; GETs answer 503 rebuilding meanwhile");
        lock.lock();
        try {
            epoch++;
            pages.clear();
            counts.clear();
            publishedComments = 0;
            largeFolders.clear();
            unsent.clear();
            rootUnsent = false;
            Map<String, DagLink> daemonHas = daemonsCopy();
            root = new UnixFsFolder();
            position = ChangeJournal.Position.START;
            publish(store.pages(), daemonHas);
            EventLog.event("info", "ipfs-rebuilt", "root", published.root(), "pages", pages.size(),
                    "ms", (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            // half a tree is nothing to answer from: the next request or check starts again
            published = null;
            EventLog.event("warn", "ipfs-rebuild-failed", "error", e.getMessage(),
                    "action", "tried again at the next check of the daemon");
        } finally {
            lock.unlock();
            rebuild = null;
        }
    }

    /** The page folders of the root the daemon still holds from our last run; empty when it holds none. */
    private Map<String, DagLink> daemonsCopy() {
        Cid last = PublishedRoot.read(config.dataDir()).orElse(null);
        if (last == null || !ipfs.isPinned(last.text())) {
            return Map.of();
        }
        try {
            return DagFolders.entries(last, cid -> ipfs.block(cid.text()));
        } catch (IllegalArgumentException e) {
            EventLog.event("warn", "published-root-unreadable", "root", last, "error", e.getMessage());
            return Map.of();
        }
    }

    private void publish(Collection<UrlHash> asked) {
        try {
            publish(asked, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Under the lock: brings the pages the journal names (all of them when it cannot say)
     * and {@code asked} up to date, hands the daemon what it lacks in one CAR, moves the pin.
     * {@code daemonHas} is the daemon's copy of each page folder at a rebuild, null otherwise.
     */
    private void publish(Collection<UrlHash> asked, Map<String, DagLink> daemonHas) throws IOException {
        long started = System.nanoTime();
        Instant readAt = Instant.now();
        ChangeStamp stamp = storeStamp();
        ChangeJournal.Changes changes = store.changesSince(position);
        Set<UrlHash> todo = new LinkedHashSet<>(asked);
        todo.addAll(changes.rescan() && daemonHas == null ? store.pages() : changes.pages());
        todo.addAll(unsent);
        Published before = published;
        boolean rebuilding = daemonHas != null;
        if (todo.isEmpty() && !rebuilding && !rootUnsent) {
            // nothing changed since the last publication: no CAR, no daemon call, no fsync
            position = changes.next();
            published = new Published(before.root(), before.answer(), stamp, readAt, epoch); // same root, same bytes
            return;
        }
        Path sections = Files.createTempFile(config.dataDir(), ".publish-", ".sections");
        Path car = config.dataDir().resolve(sections.getFileName() + ".car");
        try {
            Map<UrlHash, PageState> done = new HashMap<>();
            Map<UrlHash, UnixFsFolder> toKeep = new HashMap<>();
            Set<UrlHash> emptied = new java.util.HashSet<>();
            long sentBlocks;
            long carBytes = 0;
            Cid newRoot;
            long built;
            try {
                try (OutputStream out = Files.newOutputStream(sections); CarWriter writer = CarWriter.sections(out)) {
                    for (UrlHash page : todo) {
                        PageState state = refresh(page, daemonHas, writer, toKeep);
                        if (state != null) {
                            done.put(page, state);
                        } else if (root.get(page.hex()) != null || pages.containsKey(page)) {
                            emptied.add(page); // or it was, by a publication that failed after taking it out
                        }
                    }
                    if (emptied.stream().anyMatch(page -> root.get(page.hex()) != null)) {
                        root = withoutPages(root, emptied);
                    }
                    // a new root encodes (and so writes) every shard; a changed one only those above the changes
                    if (rootUnsent) {
                        root.allBlocks(block -> write(writer, block));
                    }
                    newRoot = root.encode(block -> write(writer, block)).cid();
                    if (rebuilding) {
                        write(writer, new UnixFsFolder().encode(b -> { }));
                    }
                    sentBlocks = writer.blocks();
                }
                built = System.nanoTime();
                if (sentBlocks > 0) {
                    CarWriter.assemble(sections, newRoot, car);
                    carBytes = Files.size(car);
                    ipfs.importCar(car);
                    metrics.published(sentBlocks);
                }
            } catch (IOException | RuntimeException e) {
                unsent.addAll(todo);
                rootUnsent = true;
                throw e;
            }
            long imported = System.nanoTime();
            unsent.clear();
            rootUnsent = false;
            toKeep.forEach(largeFolders::keep);
            Cid oldRoot = rebuilding ? (daemonHas.isEmpty() ? null : PublishedRoot.read(config.dataDir()).orElse(null))
                    : before.root();
            if (rebuilding) {
                pinAfterRebuild(oldRoot, newRoot);
            }
            long pinned = System.nanoTime();
            for (UrlHash page : emptied) {
                PageState previous = pages.remove(page);
                counts.remove(page);
                publishedComments -= previous == null ? 0 : previous.folder().count();
            }
            for (Map.Entry<UrlHash, PageState> page : done.entrySet()) {
                PageState previous = pages.put(page.getKey(), page.getValue());
                counts.put(page.getKey(), page.getValue().folder().count());
                publishedComments += page.getValue().folder().count() - (previous == null ? 0 : previous.folder().count());
            }
            metrics.publishedTree(pages.size(), publishedComments); // O(1): /metrics never counts the store
            position = changes.next();
            published = new Published(newRoot, stamp, readAt, epoch);
            if (!rebuilding && !newRoot.equals(oldRoot)) {
                queuePinMove();
            }
            if (oldRoot != null && !oldRoot.equals(newRoot)) {
                garbageBytes += carBytes;
            }
            if (sentBlocks > 0) {
                Cid r = newRoot;
                EventLog.event("info", "tree-published", "root", r, "pages", done.size(), "blocks", sentBlocks,
                        "build_us", (built - started) / 1000, "import_us", (imported - built) / 1000,
                        "pin_us", (pinned - imported) / 1000);
            }
        } finally {
            Files.deleteIfExists(sections);
            Files.deleteIfExists(car);
        }
    }

    /**
     * The root without the entries of pages that have no comment left (an operator's takedown
     * moved them out of the store). Built anew from the remaining entries, as kubo's
     * {@code add -r} would build it: a folder is only ever added to (ADR 007), so a removal costs
     * one pass over the root's entries and the encoding of all its shards, O(pages) for a rare act.
     */
    private static UnixFsFolder withoutPages(UnixFsFolder root, Set<UrlHash> emptied) {
        List<DagLink> kept = new ArrayList<>(root.size());
        root.entries(link -> {
            if (!UrlHash.isValid(link.name()) || !emptied.contains(new UrlHash(link.name()))) {
                kept.add(link);
            }
        });
        return UnixFsFolder.of(kept);
    }

    /** A rebuild pins its root before it answers: the next start finds it in published-root. */
    private void pinAfterRebuild(Cid oldRoot, Cid newRoot) throws IOException {
        pinLock.lock();
        try {
            ipfs.repin(oldRoot == null ? null : oldRoot.text(), newRoot.text());
            pinnedRoot = newRoot;
            PublishedRoot.write(config.dataDir(), newRoot);
            ipfs.repin(null, EMPTY_FOLDER.text());
        } finally {
            pinLock.unlock();
        }
    }

    /**
     * Lists one page, brings its folder up to date, writes what the daemon lacks (the
     * folder's new blocks and the comments it has not seen) and puts the folder into the
     * root. A large page's folder kept from its last change only gains the files it lacks;
     * any other is built from the listing. Returns the page's new state, or null for a page
     * without comments (the caller takes a page that had some out of the root); the folder to
     * keep goes to {@code toKeep}.
     */
    private PageState refresh(UrlHash page, Map<String, DagLink> daemonHas, CarWriter writer,
            Map<UrlHash, UnixFsFolder> toKeep) throws IOException {
        Instant listedAt = Instant.now();
        ChangeStamp stamp = stamp(page);
        DagLink had = daemonHas != null ? daemonHas.get(page.hex()) : unsent.contains(page) ? null : root.get(page.hex());
        UnixFsFolder kept = largeFolders.take(page, had == null ? null : had.cid());
        UnixFsFolder folder = kept == null ? null : withNewFiles(page, kept, writer);
        if (folder == null) {
            List<StoredFile> files = store.files(page);
            folder = files.isEmpty() ? null : listedFolder(page, had, files, writer);
        }
        if (folder == null) {
            return null;
        }
        DagLink link = folder.linkAs(page.hex());
        root.put(page.hex(), link.cid(), link.tsize());
        toKeep.put(page, folder);
        return new PageState(Folder.page(link.cid().text(), folder.size()), stamp, listedAt, epoch);
    }

    /**
     * The kept folder with the comments it lacks added; those comments and the shards they
     * changed are written. The folder's names are compared with the directory's (one read, no
     * stat but of the new files), exactly, so no margin is needed. Null when the directory lost
     * a file the folder holds (a quarantine): the folder is then built from the listing.
     */
    private UnixFsFolder withNewFiles(UrlHash page, UnixFsFolder kept, CarWriter writer) throws IOException {
        List<StoredFile> fresh = new ArrayList<>();
        int known = 0;
        for (String name : store.names(page)) {
            if (kept.get(name) != null) {
                known++;
                continue;
            }
            Cid id = CommentFileName.idOf(name).orElse(null);
            StoredFile file = id == null ? null : store.file(page, id).orElse(null);
            if (file != null) {
                fresh.add(file);
            }
        }
        if (known != kept.size()) {
            return null;
        }
        List<Cid> unreadable = sendComments(page, fresh, writer);
        for (StoredFile file : fresh) {
            if (!unreadable.contains(file.id())) {
                kept.put(CommentFileName.of(file.id()), file.id(), file.size());
            }
        }
        kept.encode(block -> write(writer, block));
        return kept;
    }

    /**
     * The page's folder built from its listing; when it differs from the daemon's copy
     * ({@code had}), the comments the daemon may lack and all the folder's blocks are
     * written. Null when no file of the page is readable.
     */
    private UnixFsFolder listedFolder(UrlHash page, DagLink had, List<StoredFile> files, CarWriter writer)
            throws IOException {
        List<DagLink> links = new ArrayList<>(files.size());
        for (StoredFile file : files) {
            links.add(new DagLink(file.id(), CommentFileName.of(file.id()), file.size()));
        }
        UnixFsFolder folder = UnixFsFolder.of(links);
        if (had != null && had.cid().equals(folder.linkAs(page.hex()).cid())) {
            return folder;
        }
        // only a folder that changed costs a look at what the daemon holds of it
        Set<String> daemonNames = namesTheDaemonHas(page, had, files);
        List<StoredFile> toSend = new ArrayList<>();
        for (StoredFile file : files) {
            if (daemonNames == null || !daemonNames.contains(CommentFileName.of(file.id()))) {
                toSend.add(file);
            }
        }
        List<Cid> unreadable = sendComments(page, toSend, writer);
        if (!unreadable.isEmpty()) {
            links.removeIf(l -> unreadable.contains(l.cid()));
            folder = UnixFsFolder.of(links);
        }
        if (links.isEmpty()) {
            return null;
        }
        folder.allBlocks(block -> write(writer, block));
        return folder;
    }

    /**
     * The comment names the daemon already holds for a page whose folder it has ({@code had}):
     * from our own last listing when we made it (files written since, with a margin, are
     * sent again), else read from the daemon's copy of the folder. Null: it holds none.
     */
    private Set<String> namesTheDaemonHas(UrlHash page, DagLink had, List<StoredFile> files) {
        if (had == null) {
            return null;
        }
        PageState state = pages.get(page);
        if (state != null && state.epoch() == epoch && state.folder().cid().equals(had.cid().text())) {
            long since = state.listedAt().minus(LINK_MARGIN).toEpochMilli();
            Set<String> names = new java.util.HashSet<>();
            for (StoredFile f : files) {
                if (f.modifiedMillis() < since) {
                    names.add(CommentFileName.of(f.id()));
                }
            }
            return names;
        }
        try {
            return DagFolders.entries(had.cid(), cid -> ipfs.block(cid.text())).keySet();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Writes the comments' bytes as raw blocks; returns the ids whose files are gone or do not hash to their name. */
    private List<Cid> sendComments(UrlHash page, List<StoredFile> files, CarWriter writer) throws IOException {
        List<Cid> unreadable = new ArrayList<>();
        for (StoredFile file : files) {
            byte[] bytes = store.read(page, file.id()).orElse(null);
            if (bytes == null || !file.id().isRawSha256Of(bytes)) {
                unreadable.add(file.id());
                EventLog.event("warn", "store-file-mismatch", "page", page, "id", file.id(),
                        "note", "left out of the published folder: its bytes are gone or do not hash to its name");
                continue;
            }
            writer.write(file.id(), bytes);
        }
        return unreadable;
    }

    private static void write(CarWriter writer, DagBlock block) {
        try {
            writer.write(block);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
}

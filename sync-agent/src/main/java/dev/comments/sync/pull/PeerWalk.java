package dev.comments.sync.pull;

import dev.comments.core.cid.Cid;
import dev.comments.core.comment.CommentLimits;
import dev.comments.core.comment.CommentVerifier;
import dev.comments.core.comment.InvalidCommentException;
import dev.comments.core.comment.Rejection;
import dev.comments.core.comment.Stamp;
import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.dag.DagFolders;
import dev.comments.core.dag.DagFolders.FolderNode;
import dev.comments.core.dag.DagLink;
import dev.comments.core.kubo.KuboClient;
import dev.comments.core.kubo.KuboException;
import dev.comments.core.network.UrlHash;
import dev.comments.core.store.CommentStore;
import dev.comments.core.withheld.Withheld;
import dev.comments.core.log.EventLog;
import dev.comments.core.tree.PageEntry;
import dev.comments.core.tree.RootEntry;
import dev.comments.sync.config.SyncSettings;
import dev.comments.sync.peers.Peer;
import dev.comments.sync.pull.PeerOutcome.Status;
import dev.comments.sync.state.PeerSeen;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One peer's walk in one round (see {@link PeerPull}): its counters, its budget, its
 * deadline, and what it has taken so far. Used once.
 *
 * <p>The walk diffs by blocks: it reads the peer's root and its shards as blocks through our
 * daemon and descends only into nodes whose CID is neither one of ours (same subtree as our
 * own tree) nor one taken in full from this peer before; in a page folder that differs, it
 * does the same against our copy of that folder, then fetches the comments our store lacks.
 * A round after one change costs the path to it: the root's nodes above the page, the page
 * folder's nodes above the comment, the comment. Every node read and every comment fetched
 * spends one of the round's block budget; what the budget did not reach is reached by the
 * next rounds, since every node finished is remembered and never read again.
 */
final class PeerWalk {

    /** Failed fetches or listings in a row after which a peer is left for the round. */
    static final int FAILURES_IN_A_ROW = 3;
    /** Failed fetches or listings in all after which a peer is left for the round. */
    static final int FAILURES = 10;
    /** A peer's walk ends after this many call deadlines ({@code sync.timeout.ms}); the rest waits for the next round. */
    static final int CALLS_OF_TIME = 30;
    /** Nodes remembered per peer before the oldest are let go (about 60 bytes each on disk). */
    static final int MAX_SEEN_NODES = 1_000_000;
    /**
     * Child shards fetched at once. Held while the walk goes down one of them, so at most
     * this many per level of depth (each at most {@link #MAX_NODE_BYTES}).
     */
    private static final int SHARD_WINDOW = 16;
    /** Shards fetched one level ahead of a window (each at most {@link #MAX_NODE_BYTES}; ~30 KB in practice). */
    private static final int SHARD_LOOKAHEAD = 512;
    private static final int LOOKAHEAD_NODE_BYTES = 64 * 1024;
    /** No folder node kubo writes is larger (a flat folder stops at 256 KiB; a shard holds 256 links). */
    static final int MAX_NODE_BYTES = 1 << 20;
    /** Page folders fetched at once (each at most a 256 KiB node: at most 32 MiB held). */
    private static final int PREFETCH_WINDOW = 128;
    /** Comments fetched at once after them (each at most 16 KiB). */
    private static final int PREFETCH_COMMENTS = 512;
    /** Rejections logged one by one per peer and round; the rest are only counted. */
    private static final int LOGGED_REJECTIONS = 10;

    private final KuboClient kubo;
    private final CommentStore store;
    private final PeerApi api;
    private final SyncSettings settings;
    private final Peer peer;
    private final PeerSeen seen;
    private final RoundShared shared;
    private final RefusedComments refused;
    private int rootsListed;
    private int foldersListed;
    private int blocksFetched;
    private int written;
    private int rejected;
    private int ignored;
    private int budget;
    private int failuresInARow;
    private int failures;
    /** Nodes of the peer's tree taken in full this round. */
    private final Set<Cid> done = new HashSet<>();
    /** Every CID a node read this round links to: what of the last round's nodes is still in the tree. */
    private final Set<Cid> linked = new HashSet<>();
    private final Prefetch prefetch = new Prefetch();
    /** Pages waiting for the next window, each with the root node that listed it. */
    private final List<PendingPage> pendingPages = new ArrayList<>();
    /** Shard blocks prefetched for the walk, taken when it reads them (never more than the budget). */
    private final java.util.Map<Cid, byte[]> shardBlocks = new java.util.HashMap<>();
    /** Page folder blocks prefetched for the walk, taken when it reads them. */
    private final java.util.Map<Cid, byte[]> prefetched = new java.util.HashMap<>();
    private final long endsAt;

    /**
     * {@code budget}: the blocks this peer may cost this round (its PeerTable budget);
     * {@code roundEndsAt}: the round's deadline (System.nanoTime), before the walk's own if sooner.
     */
    PeerWalk(KuboClient kubo, CommentStore store, PeerApi api, SyncSettings settings, Peer peer, PeerSeen seen,
            RoundShared shared, RefusedComments refused, int budget, long roundEndsAt) {
        this.refused = refused;
        this.kubo = kubo;
        this.store = store;
        this.api = api;
        this.settings = settings;
        this.peer = peer;
        this.seen = seen;
        this.shared = shared;
        this.budget = budget;
        this.endsAt = Math.min(roundEndsAt, System.nanoTime() + settings.timeout().toNanos() * CALLS_OF_TIME);
    }

    PeerOutcome run() {
        Cid root;
        try {
            root = api.root(peer.url());
        } catch (PeerException e) {
            Status status = switch (e.kind()) {
                case INVALID -> Status.INVALID;
                case BUSY -> Status.BUSY;
                case UNREACHABLE -> Status.UNREACHABLE;
            };
            return end(status, seen, e.getMessage());
        }
        if (seen.sawRoot(root)) {
            return end(Status.UNCHANGED, seen, "");
        }
        try {
            return diff(root);
        } catch (LocalFailure e) {
            return end(Status.LOCAL_FAILURE, progress(), e.getMessage());
        } catch (GiveUp e) {
            return end(Status.UNREACHABLE, progress(), e.getMessage());
        } catch (OutOfTime e) {
            EventLog.event("warn", "peer-out-of-time", "peer", peer.url(), "after_ms",
                    settings.timeout().toMillis() * CALLS_OF_TIME, "note", "the rest waits for the next round");
            // a peer that only spends our time (nothing new, nothing refused) is backed off like a failing one
            return end(rejected > 0 ? Status.INVALID : written == 0 ? Status.SLOW : Status.PARTIAL, progress(),
                    "out of time for this round");
        }
    }

    /** What was taken before the walk was cut short: the old root, and every node finished so far. */
    private PeerSeen progress() {
        return seen.withNodes(seen.root(), done);
    }

    /**
     * After a complete round: every node finished, now and before, so that when one node
     * changes later its unchanged siblings are still known (one change costs its path). This
     * grows with the versions of the peer's tree we saw; past {@link #MAX_SEEN_NODES} it is cut
     * to the nodes finished now and those of before that the tree still links to (each stands
     * for everything under it), which costs a later change at most its siblings' re-reading.
     */
    private PeerSeen stillInTree(Cid root) {
        if (seen.nodes().size() + done.size() <= MAX_SEEN_NODES) {
            return seen.withNodes(root, done);
        }
        Set<Cid> keep = new HashSet<>(done);
        for (Cid old : seen.nodes()) {
            if (linked.contains(old)) {
                keep.add(old);
            }
        }
        return new PeerSeen(root, keep);
    }

    private PeerOutcome diff(Cid root) throws LocalFailure, GiveUp, OutOfTime {
        LocalTree local = local();
        if (local.hasRoot(root)) {
            return end(Status.SYNCED, seen.withNodes(root, Set.of()), "same tree as ours");
        }
        boolean[] complete = {false};
        try {
            NodeVisit top = new NodeVisit(root, null, ok -> complete[0] = ok);
            visitRoot(root, 0, local, top);
            flushPages(local);
        } catch (NotAFolder e) {
            return end(Status.INVALID, seen, "its root " + root + " is not a folder: " + e.getMessage());
        }
        return ended(root, complete[0]);
    }

    private PeerOutcome ended(Cid root, boolean complete) {
        if (rootsListed == 0 && !complete) {
            return end(Status.UNREACHABLE, seen, "its root " + root + " could not be read");
        }
        PeerSeen now = complete ? stillInTree(root) : progress();
        if (rejected > 0) {
            return end(Status.INVALID, now, rejected + " comments refused");
        }
        return end(complete ? Status.SYNCED : Status.PARTIAL, now, "");
    }

    /**
     * One node of the peer's root: its page entries join the window of pages to visit (pages
     * of many small shards share one prefetch: most third-level shards hold two or three), then
     * its child shards. {@code visit} reports to the parent once everything under it is known.
     */
    private void visitRoot(Cid node, int depth, LocalTree local, NodeVisit visit)
            throws LocalFailure, GiveUp, OutOfTime, NotAFolder {
        if (local.hasNode(node) || seen.sawNode(node) || done.contains(node)) {
            visit.parentReport(true);
            return;
        }
        Optional<FolderNode> read = readNode(node, depth, "root node");
        if (read.isEmpty()) {
            visit.parentReport(false);
            return;
        }
        rootsListed++;
        noteLinks(read.get());
        List<DagLink> shards = read.get().shards();
        visit.open(read.get().entries().size() + shards.size());
        for (DagLink entry : read.get().entries()) {
            if (needsVisit(entry, local)) {
                pendingPages.add(new PendingPage(entry, visit));
                if (pendingPages.size() >= PREFETCH_WINDOW) {
                    flushPages(local);
                }
            } else {
                visit.childDone(!isPage(entry) ? countIgnored() : true);
            }
        }
        for (int from = 0; from < shards.size(); from += SHARD_WINDOW) {
            List<DagLink> window = shards.subList(from, Math.min(shards.size(), from + SHARD_WINDOW));
            prefetchShards(window, local.nodes());
            for (DagLink shard : window) {
                try {
                    visitRoot(shard.cid(), depth + 1, local, new NodeVisit(shard.cid(), visit, null));
                } catch (NotAFolder e) {
                    ignored++; // a shard that is not one: nothing to take there
                    visit.childDone(true);
                }
            }
        }
        visit.close();
    }

    private static boolean isPage(DagLink entry) {
        return RootEntry.of(entry.name(), entry.cid()) == RootEntry.PAGE;
    }

    private boolean countIgnored() {
        ignored++;
        return true;
    }

    /** A page entry that is ours already, or was taken before, needs no visit. */
    private boolean needsVisit(DagLink entry, LocalTree local) {
        return isPage(entry) && !local.hasFolder(new UrlHash(entry.name()), entry.cid())
                && !seen.sawNode(entry.cid()) && !done.contains(entry.cid());
    }

    /**
     * Visits the pages waiting in the window: their folders and comments fetched at once
     * first, and what they bring written as one group commit (one fsync per file and folder,
     * one of the store's root and journal for the whole window, not for every page).
     */
    private void flushPages(LocalTree local) throws LocalFailure, GiveUp, OutOfTime {
        if (pendingPages.isEmpty()) {
            return;
        }
        List<PendingPage> window = new ArrayList<>(pendingPages);
        pendingPages.clear();
        List<VerifiedComment> batch = new ArrayList<>();
        try {
            prefetchPages(window.stream().map(PendingPage::entry).toList());
            for (PendingPage page : window) {
                page.parent().childDone(visitPage(page.entry(), local, batch));
            }
        } finally {
            prefetched.clear();
            prefetch.clear();
            write(batch); // what was verified, even when the walk is cut short
        }
    }

    /** One page entry that {@link #needsVisit} let through: its folder, then the comments our store lacks. */
    private boolean visitPage(DagLink entry, LocalTree local, List<VerifiedComment> batch)
            throws LocalFailure, GiveUp, OutOfTime {
        UrlHash page = new UrlHash(entry.name());
        Cid folder = entry.cid();
        if (done.contains(folder)) {
            return true; // the same folder under another name, finished since it was queued
        }
        Set<Cid> ours = ourFolderNodes(local, page);
        Set<Cid> have = stored(page);
        try {
            return visitFolder(page, folder, 0, ours, have, batch);
        } catch (NotAFolder e) {
            ignored++;
            return true;
        }
    }

    /** One node of a peer's page folder. True when every comment under it was taken or refused. */
    private boolean visitFolder(UrlHash page, Cid node, int depth, Set<Cid> ours, Set<Cid> have,
            List<VerifiedComment> batch) throws LocalFailure, GiveUp, OutOfTime, NotAFolder {
        if (ours.contains(node) || seen.sawNode(node) || done.contains(node)) {
            return true;
        }
        Optional<FolderNode> read = readNode(node, depth, "folder " + page);
        if (read.isEmpty()) {
            return false;
        }
        foldersListed++;
        noteLinks(read.get());
        boolean complete = takeMissing(page, read.get().entries(), have, batch);
        for (DagLink shard : read.get().shards()) {
            try {
                complete &= visitFolder(page, shard.cid(), depth + 1, ours, have, batch);
            } catch (NotAFolder e) {
                ignored++;
            }
        }
        return finished(node, complete);
    }

    private void noteLinks(FolderNode node) {
        node.entries().forEach(l -> linked.add(l.cid()));
        node.shards().forEach(l -> linked.add(l.cid()));
    }

    /**
     * Fetches at once, within the budget, the page folders the walk will read next, then the
     * comments of those folders our store lacks (flat folders: the usual page).
     */
    private void prefetchPages(List<DagLink> pages) throws LocalFailure {
        if (pages.size() < 2 || budget < 2) {
            return;
        }
        List<Cid> folders = pages.stream().map(DagLink::cid).limit(budget).toList();
        prefetch.fetch(folders, cid -> kubo.block.get(cid));
        List<Cid> comments = new ArrayList<>();
        for (DagLink page : pages) {
            byte[] bytes = prefetch.take(page.cid());
            if (bytes == null) {
                continue;
            }
            prefetched.put(page.cid(), bytes);
            try {
                Set<Cid> have = stored(new UrlHash(page.name()));
                for (DagLink e : DagFolders.node(page.cid(), bytes, true).entries()) {
                    if (PageEntry.of(e.name(), e.cid()) == PageEntry.COMMENT && !have.contains(e.cid())
                            && !refused.contains(e.cid())) {
                        comments.add(e.cid());
                    }
                }
            } catch (IllegalArgumentException notAFolder) {
                // the walk finds it out again and counts it
            }
        }
        prefetch.fetch(comments.stream().limit(Math.min(PREFETCH_COMMENTS, Math.max(0, budget - folders.size()))).toList(),
                cid -> kubo.cat(cid.text(), CommentLimits.MAX_FILE_BYTES + 1L));
    }

    /**
     * Fetches at once, within the budget, the child shards the walk will read next, and the
     * shards below those (up to {@link #SHARD_LOOKAHEAD}): the walk goes down one node at a
     * time, and without the second level each second-level node with a changed child cost a
     * round trip of its own (about 500 root nodes a round at 100,000 pages). Blocks fetched
     * ahead are charged to the budget when the walk reads them; ahead of the walk there are
     * never more than the budget's worth, and a block fetched ahead is kept only up to
     * {@link #LOOKAHEAD_NODE_BYTES} (an honest shard of 256 links is ~30 KB): at most 32 MiB
     * held for a peer that serves oversized nodes, which the walk then reads itself.
     */
    private void prefetchShards(List<DagLink> shards, Set<Cid> ours) {
        fetchShards(unread(shards.stream().map(DagLink::cid), ours, Math.max(0, budget - shardBlocks.size())),
                MAX_NODE_BYTES);
        List<Cid> below = new ArrayList<>();
        for (DagLink shard : shards) {
            byte[] bytes = shardBlocks.get(shard.cid());
            if (bytes == null) {
                continue;
            }
            try {
                below.addAll(DagFolders.node(shard.cid(), bytes, false).shards().stream().map(DagLink::cid).toList());
            } catch (IllegalArgumentException notAShard) {
                // the walk finds it out again when it reads the node, and counts it
            }
        }
        fetchShards(unread(below.stream(), ours, Math.min(SHARD_LOOKAHEAD, Math.max(0, budget - shardBlocks.size()))),
                LOOKAHEAD_NODE_BYTES);
    }

    /** The shards among {@code cids} the walk would read: not ours, not taken, not fetched already. */
    private List<Cid> unread(java.util.stream.Stream<Cid> cids, Set<Cid> ours, int limit) {
        return cids.filter(c -> !ours.contains(c) && !seen.sawNode(c) && !done.contains(c) && !shardBlocks.containsKey(c))
                .limit(limit).toList();
    }

    /** Fetches these shards into {@code shardBlocks}, keeping those of at most {@code maxBytes}. */
    private void fetchShards(List<Cid> cids, int maxBytes) {
        prefetch.fetch(cids, cid -> kubo.block.get(cid));
        for (Cid cid : cids) {
            byte[] bytes = prefetch.take(cid);
            if (bytes != null && bytes.length <= maxBytes) {
                shardBlocks.put(cid, bytes);
            }
        }
    }

    private boolean finished(Cid node, boolean complete) {
        if (complete) {
            done.add(node);
        }
        return complete;
    }

    /**
     * Reads and checks one folder node of the peer's, spending one block of the budget.
     * Empty when it could not be read now (budget spent, or the fetch failed): left for a later round.
     */
    private Optional<FolderNode> readNode(Cid node, int depth, String what)
            throws LocalFailure, GiveUp, OutOfTime, NotAFolder {
        if (depth > DagFolders.maxShardDepth()) {
            throw new NotAFolder("shards nested deeper than a 64-bit hash allows");
        }
        if (budget <= 0) {
            return Optional.empty();
        }
        budget--;
        byte[] bytes = prefetched.remove(node);
        if (bytes == null) {
            bytes = shardBlocks.remove(node);
        }
        if (bytes == null) {
            try {
                bytes = call(() -> kubo.block.get(node), what + " " + node);
            } catch (Failed e) {
                return Optional.empty();
            }
        }
        if (bytes.length > MAX_NODE_BYTES) {
            throw new NotAFolder("a folder node of " + bytes.length + " bytes, larger than any kubo writes");
        }
        try {
            return Optional.of(DagFolders.node(node, bytes, depth == 0));
        } catch (IllegalArgumentException e) {
            throw new NotAFolder(e.getMessage());
        }
    }

    /** The nodes of our own copy of a page's folder, read from our daemon (not the peer's budget). */
    private Set<Cid> ourFolderNodes(LocalTree local, UrlHash page) throws LocalFailure {
        Cid ours = local.folders().get(page);
        if (ours == null) {
            return Set.of();
        }
        Set<Cid> nodes = new HashSet<>();
        try {
            DagFolders.walk(ours, kubo.block::get, e -> { }, nodes::add);
        } catch (KuboException e) {
            if (LocalDaemon.isDown(e)) {
                throw new LocalFailure("our daemon is not answering: " + e.getMessage());
            }
            return Set.of(); // compare with nothing: costs this folder's nodes, never a comment
        } catch (IllegalArgumentException e) {
            return Set.of();
        }
        return nodes;
    }

    /** Fetches and verifies the listed comments the store lacks into {@code batch}; false if some were left. */
    private boolean takeMissing(UrlHash page, List<DagLink> links, Set<Cid> have, List<VerifiedComment> batch)
            throws LocalFailure, GiveUp, OutOfTime {
        boolean complete = true;
        for (DagLink link : links) {
            switch (PageEntry.of(link.name(), link.cid())) {
                case FOREIGN -> ignored++;
                case ID_MISMATCH -> reject(page, link.name(), Rejection.ID_MISMATCH.code(),
                        "the entry links to " + link.cid() + ", not to the block its name says");
                case COMMENT -> {
                    Cid id = link.cid();
                    if (refused.contains(id)) {
                        ignored++; // refused before: a peer is held to it once, never fetched again
                        continue;
                    }
                    if (withheld().id(page, id)) {
                        ignored++; // the operator withholds it or its page: never taken, not the peer's fault
                        continue;
                    }
                    if (Stamp.bits(id) < settings.stampMinBits()) {
                        ignored++; // below our own minimum, known from its name: never fetched; the peer's policy may differ
                        continue;
                    }
                    if (!have.add(id)) {
                        continue;
                    }
                    if (budget <= 0 || !shared.claim(id)) {
                        have.remove(id);
                        complete = false; // left for the next round (or another peer is fetching it)
                        continue;
                    }
                    budget--;
                    Optional<VerifiedComment> comment = fetch(page, id);
                    if (comment == null) {
                        have.remove(id);
                        complete = false;
                    } else if (comment.isPresent() && withheld().key(comment.get().comment().key())) {
                        ignored++; // signed by a withheld key: its block leaves our daemon at once
                        forget(id);
                    } else {
                        comment.ifPresent(batch::add);
                    }
                }
            }
        }
        return complete;
    }

    private Withheld withheld() throws LocalFailure {
        try {
            return shared.withheld();
        } catch (IOException e) {
            throw new LocalFailure("the withheld lists could not be read: " + e.getMessage());
        }
    }

    /** The verified comment, empty if refused, null if it could not be fetched now. */
    private Optional<VerifiedComment> fetch(UrlHash page, Cid id) throws LocalFailure, GiveUp, OutOfTime {
        byte[] bytes = prefetch.take(id);
        if (bytes == null) {
            try {
                bytes = call(() -> kubo.cat(id.text(), CommentLimits.MAX_FILE_BYTES + 1L), "block " + id);
            } catch (Failed e) {
                return null;
            }
        }
        blocksFetched++;
        if (bytes.length > CommentLimits.MAX_FILE_BYTES) {
            reject(page, id.text(), "too-large", "the block is larger than " + CommentLimits.MAX_FILE_BYTES + " bytes");
            refused.add(id);
            forget(id);
            return Optional.empty();
        }
        try {
            return Optional.of(CommentVerifier.verifyFile(bytes, id, page));
        } catch (InvalidCommentException e) {
            reject(page, id.text(), e.reason().code(), e.detail());
            if (e.reason() != Rejection.WRONG_PAGE) {
                refused.add(id); // wrong-page depends on the folder: the same bytes are valid in their own page's
                forget(id);
            }
            return Optional.empty();
        }
    }

    /**
     * The refused comment's block leaves our daemon's repository at once (it was stored there by
     * the fetch; nothing pins it unless it is also a comment of ours), so that a peer's spam takes
     * no disk; best effort: an error here stops nothing, and the daemon's next collection (ADR 010)
     * removes what is left.
     */
    private void forget(Cid id) {
        try {
            kubo.block.removeUnpinned(id);
        } catch (KuboException e) {
            EventLog.event("warn", "refused-block-kept", "block", id, "error", e.getMessage());
        }
    }

    private void reject(UrlHash page, String entry, String reason, String detail) {
        rejected++;
        if (rejected <= LOGGED_REJECTIONS) {
            EventLog.event("warn", "comment-rejected", "peer", peer.url(), "page", page, "entry", entry,
                    "reason", reason, "detail", detail);
        }
    }

    private void write(List<VerifiedComment> batch) throws LocalFailure {
        if (batch.isEmpty()) {
            return;
        }
        try {
            for (CommentStore.WriteResult r : store.writeAll(batch)) {
                if (r == CommentStore.WriteResult.CREATED) {
                    written++;
                }
            }
        } catch (IOException e) {
            throw new LocalFailure("the store could not be written: " + e.getMessage());
        }
    }

    private Set<Cid> stored(UrlHash page) throws LocalFailure {
        try {
            return new HashSet<>(store.list(page));
        } catch (IOException e) {
            throw new LocalFailure("the store could not be read: " + e.getMessage());
        }
    }

    private LocalTree local() throws LocalFailure {
        try {
            return shared.local();
        } catch (KuboException e) {
            throw new LocalFailure("our daemon could not list our own tree: " + e.getMessage());
        }
    }

    /** One kubo call about the peer's data: our daemon down is ours; anything else counts against the peer. */
    private <T> T call(KuboCall<T> work, String what) throws LocalFailure, GiveUp, Failed, OutOfTime {
        if (System.nanoTime() > endsAt) {
            throw new OutOfTime();
        }
        try {
            T result = work.run();
            failuresInARow = 0;
            return result;
        } catch (KuboException e) {
            if (LocalDaemon.isDown(e)) {
                throw new LocalFailure("our daemon is not answering: " + e.getMessage());
            }
            failuresInARow++;
            failures++;
            EventLog.event("warn", "fetch-failed", "peer", peer.url(), "what", what, "error", e.getMessage());
            if (failuresInARow >= FAILURES_IN_A_ROW || failures >= FAILURES) {
                throw new GiveUp(failures + " calls failed (" + failuresInARow + " in a row), the last: "
                        + e.getMessage());
            }
            throw new Failed();
        }
    }

    private PeerOutcome end(Status status, PeerSeen now, String detail) {
        return new PeerOutcome(peer, status, now, detail, rootsListed, foldersListed, blocksFetched, written,
                rejected, ignored);
    }

    private record PendingPage(DagLink entry, NodeVisit parent) {
    }

    /**
     * A root node being taken: finished (remembered in {@code done}) once its page entries and
     * child shards all reported complete; then it reports to its parent. Pages wait in a window
     * and shards are walked first, so a node may finish long after it was read.
     */
    private final class NodeVisit {
        private final Cid cid;
        private final NodeVisit parent;
        private final java.util.function.Consumer<Boolean> top;
        /** Children not yet reported, plus one while the node itself is still being read. */
        private int open = 1;
        private boolean complete = true;

        NodeVisit(Cid cid, NodeVisit parent, java.util.function.Consumer<Boolean> top) {
            this.cid = cid;
            this.parent = parent;
            this.top = top;
        }

        void open(int children) {
            open += children;
        }

        /** The node was all there already, or could not be read: it reports straight to its parent. */
        void parentReport(boolean ok) {
            if (parent != null) {
                parent.childDone(ok);
            } else {
                top.accept(ok);
            }
        }

        /** Done reading the node itself: what remains open are its children. */
        void close() {
            childDone(true);
        }

        void childDone(boolean ok) {
            complete &= ok;
            if (--open == 0) {
                finished(cid, complete);
                parentReport(complete);
            }
        }
    }

    @FunctionalInterface
    private interface KuboCall<T> {
        T run();
    }

    /** Our own daemon or store failed: stop this peer without blaming it. */
    private static final class LocalFailure extends Exception {
        private static final long serialVersionUID = 1L;

        LocalFailure(String message) {
            super(message);
        }
    }

    /** Too many failures in a row: leave this peer for the round. */
    private static final class GiveUp extends Exception {
        private static final long serialVersionUID = 1L;

        GiveUp(String message) {
            super(message);
        }
    }

    /** The walk has used its time for this round. */
    private static final class OutOfTime extends Exception {
        private static final long serialVersionUID = 1L;

        OutOfTime() {
            super(null, null, false, false);
        }
    }

    /** A node of the peer's tree that is not a folder as kubo writes one: nothing to take under it. */
    private static final class NotAFolder extends Exception {
        private static final long serialVersionUID = 1L;

        NotAFolder(String message) {
            super(message, null, false, false);
        }
    }

    /** One call failed; the walk goes on with the next item. */
    private static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        Failed() {
            super(null, null, false, false);
        }
    }
}

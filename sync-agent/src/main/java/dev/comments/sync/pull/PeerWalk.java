package dev.comments.sync.pull;

import dev.comments.core.cid.Cid;
import dev.comments.core.comment.CommentLimits;
import dev.comments.core.comment.CommentVerifier;
import dev.comments.core.comment.InvalidCommentException;
import dev.comments.core.comment.Rejection;
import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.kubo.KuboClient;
import dev.comments.core.kubo.KuboException;
import dev.comments.core.kubo.Link;
import dev.comments.core.network.UrlHash;
import dev.comments.core.store.CommentStore;
import dev.comments.core.log.EventLog;
import dev.comments.core.tree.PageEntry;
import dev.comments.core.tree.RootEntry;
import dev.comments.sync.config.SyncSettings;
import dev.comments.sync.peers.Peer;
import dev.comments.sync.pull.PeerOutcome.Status;
import dev.comments.sync.state.PeerSeen;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One peer's walk in one round (see {@link PeerPull}): its counters, its budget, its
 * deadline, and what it has taken so far. Used once.
 */
final class PeerWalk {

    /** Failed fetches or listings in a row after which a peer is left for the round. */
    static final int FAILURES_IN_A_ROW = 3;
    /** Failed fetches or listings in all after which a peer is left for the round. */
    static final int FAILURES = 10;
    /** A peer's walk ends after this many call deadlines ({@code sync.timeout.ms}); the rest waits for the next round. */
    static final int CALLS_OF_TIME = 30;
    /** Rejections logged one by one per peer and round; the rest are only counted. */
    private static final int LOGGED_REJECTIONS = 10;

    private final KuboClient kubo;
    private final CommentStore store;
    private final PeerApi api;
    private final SyncSettings settings;
    private final Peer peer;
    private final PeerSeen seen;
    private final RoundShared shared;
    private int rootsListed;
    private int foldersListed;
    private int blocksFetched;
    private int written;
    private int rejected;
    private int ignored;
    private int budget;
    private int failuresInARow;
    private int failures;
    private boolean incomplete;
    private final Map<UrlHash, Cid> taken = new HashMap<>();
    private final long endsAt;

    PeerWalk(KuboClient kubo, CommentStore store, PeerApi api, SyncSettings settings, Peer peer, PeerSeen seen,
            RoundShared shared) {
        this.kubo = kubo;
        this.store = store;
        this.api = api;
        this.settings = settings;
        this.peer = peer;
        this.seen = seen;
        this.shared = shared;
        this.budget = settings.maxBlocksPerPeer();
        this.endsAt = System.nanoTime() + settings.timeout().toNanos() * CALLS_OF_TIME;
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
            return end(Status.LOCAL_FAILURE, seen, e.getMessage());
        } catch (GiveUp e) {
            return end(Status.UNREACHABLE, progress(), e.getMessage());
        } catch (OutOfTime e) {
            EventLog.warn("event=peer-out-of-time peer=" + peer.url() + " after_ms="
                    + settings.timeout().toMillis() * CALLS_OF_TIME + " note=\"the rest waits for the next round\"");
            return end(rejected > 0 ? Status.INVALID : Status.PARTIAL, progress(), "out of time for this round");
        }
    }

    /** What was taken before the walk was cut short: the old root, the folders finished so far. */
    private PeerSeen progress() {
        Map<UrlHash, Cid> folders = new HashMap<>(seen.folders());
        folders.putAll(taken);
        return new PeerSeen(seen.root(), folders);
    }

    private PeerOutcome diff(Cid root) throws LocalFailure, GiveUp, OutOfTime {
        LocalTree local = local();
        if (local.hasRoot(root)) {
            return end(Status.SYNCED, new PeerSeen(root, local.folders()), "same tree as ours");
        }
        List<Link> entries;
        try {
            entries = list(root, settings.maxFoldersPerRoot(), "root");
        } catch (Failed e) {
            return end(Status.UNREACHABLE, seen, "its root " + root + " could not be listed");
        }
        rootsListed = 1;
        if (entries.size() > settings.maxFoldersPerRoot()) {
            entries = entries.subList(0, settings.maxFoldersPerRoot());
            incomplete = true;
            EventLog.warn("event=root-over-cap peer=" + peer.url() + " root=" + root + " read=" + entries.size()
                    + " note=\"the rest of this peer's pages are not read\"");
        }
        for (Link entry : entries) {
            Optional<UrlHash> page = RootEntry.page(entry);
            if (page.isEmpty()) {
                ignored++;
                continue;
            }
            Cid folder = entry.hash();
            if (seen.sawFolder(page.get(), folder) || local.hasFolder(page.get(), folder)) {
                taken.put(page.get(), folder);
            } else if (budget <= 0) {
                incomplete = true;
                keepOld(page.get());
            } else if (pullFolder(page.get(), folder)) {
                taken.put(page.get(), folder);
            } else {
                keepOld(page.get());
            }
        }
        PeerSeen now = new PeerSeen(incomplete ? seen.root() : root, taken);
        if (rejected > 0) {
            return end(Status.INVALID, now, rejected + " comments refused");
        }
        return end(incomplete ? Status.PARTIAL : Status.SYNCED, now, "");
    }

    private void keepOld(UrlHash page) {
        Cid old = seen.folders().get(page);
        if (old != null) {
            taken.put(page, old);
        }
    }

    /** Reads one page folder and takes what the store lacks; true when nothing was left for later. */
    private boolean pullFolder(UrlHash page, Cid folder) throws LocalFailure, GiveUp, OutOfTime {
        budget--;
        List<Link> links;
        try {
            links = list(folder, settings.maxEntriesPerFolder(), "folder " + page);
        } catch (Failed e) {
            incomplete = true;
            return false;
        }
        foldersListed++;
        if (links.size() > settings.maxEntriesPerFolder()) {
            links = links.subList(0, settings.maxEntriesPerFolder());
            ignored++;
            EventLog.warn("event=folder-over-cap peer=" + peer.url() + " page=" + page + " folder=" + folder
                    + " read=" + links.size() + " note=\"entries past the cap are not read\"");
        }
        Set<Cid> have = stored(page);
        List<VerifiedComment> batch = new ArrayList<>();
        boolean complete;
        try {
            complete = takeMissing(page, links, have, batch);
        } catch (GiveUp | OutOfTime e) {
            write(batch); // what was verified before the walk was cut short
            throw e;
        }
        write(batch);
        if (!complete) {
            incomplete = true;
        }
        return complete;
    }

    /** Fetches and verifies the listed comments the store lacks into {@code batch}; false if some were left. */
    private boolean takeMissing(UrlHash page, List<Link> links, Set<Cid> have, List<VerifiedComment> batch)
            throws LocalFailure, GiveUp, OutOfTime {
        boolean complete = true;
        for (Link link : links) {
            switch (PageEntry.of(link)) {
                case FOREIGN -> ignored++;
                case ID_MISMATCH -> reject(page, link.name(), Rejection.ID_MISMATCH.code(),
                        "the entry links to " + link.hash() + ", not to the block its name says");
                case COMMENT -> {
                    Cid id = link.hash();
                    if (!have.add(id)) {
                        continue;
                    }
                    if (budget <= 0 || !shared.claim(id)) {
                        complete = false; // left for the next round (or another peer is fetching it)
                        continue;
                    }
                    budget--;
                    Optional<VerifiedComment> comment = fetch(page, id);
                    if (comment == null) {
                        complete = false;
                    } else {
                        comment.ifPresent(batch::add);
                    }
                }
            }
        }
        return complete;
    }

    /** The verified comment, empty if refused, null if it could not be fetched now. */
    private Optional<VerifiedComment> fetch(UrlHash page, Cid id) throws LocalFailure, GiveUp, OutOfTime {
        byte[] bytes;
        try {
            bytes = call(() -> kubo.cat(id.text(), CommentLimits.MAX_FILE_BYTES + 1L), "block " + id);
        } catch (Failed e) {
            return null;
        }
        blocksFetched++;
        if (bytes.length > CommentLimits.MAX_FILE_BYTES) {
            reject(page, id.text(), "too-large", "the block is larger than " + CommentLimits.MAX_FILE_BYTES + " bytes");
            return Optional.empty();
        }
        try {
            return Optional.of(CommentVerifier.verifyFile(bytes, id, page));
        } catch (InvalidCommentException e) {
            reject(page, id.text(), e.reason().code(), e.detail());
            return Optional.empty();
        }
    }

    private void reject(UrlHash page, String entry, String reason, String detail) {
        rejected++;
        if (rejected <= LOGGED_REJECTIONS) {
            EventLog.warn("event=comment-rejected peer=" + peer.url() + " page=" + page + " entry=" + EventLog.quote(entry)
                    + " reason=" + reason + " detail=" + EventLog.quote(detail));
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

    private List<Link> list(Cid folder, int cap, String what) throws LocalFailure, GiveUp, Failed, OutOfTime {
        return call(() -> kubo.ls(folder, cap + 1), what + " " + folder);
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
            EventLog.warn("event=fetch-failed peer=" + peer.url() + " what=" + EventLog.quote(what)
                    + " error=" + EventLog.quote(e.getMessage()));
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

    /** One call failed; the walk goes on with the next item. */
    private static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        Failed() {
            super(null, null, false, false);
        }
    }
}

package dev.comments.sync.pull;

import dev.comments.core.cid.Cid;
import dev.comments.core.dag.DagFolders;
import dev.comments.core.kubo.KuboClient;
import dev.comments.core.network.UrlHash;
import dev.comments.core.tree.PublishedRoot;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * This server's own published tree: the root the comment server last pinned (it names it
 * in {@code <data>/published-root}), read block by block from our daemon. A peer's folder
 * with the same CID as ours holds nothing we lack: the tree is computed from our store,
 * which never deletes. It may lag the store; that only costs a listing, never a comment.
 * Cost: one block per root shard (about pages/3 blocks at 100,000 pages), all local, 16 at
 * a time, for the first read; after that only the nodes on the paths that changed since the last read
 * ({@link #read(KuboClient, Path, LocalTree)}).
 *
 * <p>{@code nodes} may keep nodes of earlier versions of our tree: harmless, since the store
 * never deletes, everything under a node we ever published is still ours. They are let go by
 * a full walk once they outnumber the nodes of the last full walk.
 */
public record LocalTree(Cid root, Map<UrlHash, Cid> folders, Set<Cid> nodes, int nodesAtFullWalk) {

    public static final LocalTree NONE = new LocalTree(null, Map.of(), Set.of(), 0);
    /** Blocks asked of our daemon at once: the first read of a 100,000-page root is ~25,000 of them. */
    static final int PARALLEL_READS = 16;

    public LocalTree {
        folders = Map.copyOf(folders);
        nodes = Set.copyOf(nodes);
    }

    /**
     * Reads the tree; a server that has published nothing yet, or a daemon that no longer
     * holds it (new, or emptied), is {@link #NONE}. A daemon that fails is a KuboException.
     */
    public static LocalTree read(KuboClient kubo, Path dataDir) {
        return read(kubo, dataDir, NONE);
    }

    /**
     * As {@link #read(KuboClient, Path)}, from the tree the last round read: the same root is
     * reused as it is, and a new one costs only its nodes that {@code last} did not have (a
     * server that publishes while it syncs changes its root every round; at 100,000 pages a
     * full walk is ~31,000 local blocks).
     */
    public static LocalTree read(KuboClient kubo, Path dataDir, LocalTree last) {
        Optional<Cid> root = PublishedRoot.read(dataDir);
        if (root.isEmpty() || !kubo.pin.isPinnedRecursively(root.get())) {
            return NONE;
        }
        if (last.hasRoot(root.get())) {
            return last;
        }
        boolean fromLast = last != NONE && last.nodes.size() <= 2 * Math.max(1, last.nodesAtFullWalk);
        Map<UrlHash, Cid> folders = fromLast ? new HashMap<>(last.folders) : new HashMap<>();
        Set<Cid> nodes = fromLast ? new HashSet<>(last.nodes) : new HashSet<>();
        try {
            DagFolders.walkNew(root.get(), kubo.block::get, fromLast ? last.nodes::contains : c -> false, link -> {
                if (UrlHash.isValid(link.name())) {
                    folders.put(new UrlHash(link.name()), link.cid());
                }
            }, nodes::add, PARALLEL_READS);
        } catch (IllegalArgumentException e) {
            return NONE; // not a tree of ours: compare with nothing, which costs listings, not comments
        }
        return new LocalTree(root.get(), folders, nodes, fromLast ? last.nodesAtFullWalk : nodes.size());
    }

    /** True for a node of our root (the root or one of its shards): the same subtree as ours. */
    public boolean hasNode(Cid cid) {
        return nodes.contains(cid);
    }

    public boolean hasRoot(Cid cid) {
        return root != null && root.equals(cid);
    }

    public boolean hasFolder(UrlHash page, Cid cid) {
        return cid.equals(folders.get(page));
    }
}

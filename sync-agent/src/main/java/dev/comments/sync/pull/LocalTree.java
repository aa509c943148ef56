package dev.comments.sync.pull;

import dev.comments.core.cid.Cid;
import dev.comments.core.kubo.FileEntry;
import dev.comments.core.kubo.KuboClient;
import dev.comments.core.kubo.KuboException;
import dev.comments.core.network.UrlHash;
import java.util.HashMap;
import java.util.Map;

/**
 * This server's own published tree, as its daemon's files API holds it at
 * {@code /comments} (server-war's FolderPublisher keeps it there and answers its CID to
 * {@code GET /}). A peer's folder with the same CID as ours holds nothing we lack: the
 * files API is filled from our store, which never deletes. It may lag the store; that
 * only costs a listing, never a comment.
 */
public record LocalTree(Cid root, Map<UrlHash, Cid> folders) {

    /** Where the comment server publishes its folders in the daemon's files API. */
    public static final String PATH = "/comments";

    public static final LocalTree NONE = new LocalTree(null, Map.of());

    public LocalTree {
        folders = Map.copyOf(folders);
    }

    /** Reads the tree; a daemon without it (new, or emptied) is {@link #NONE}. Other failures are thrown. */
    public static LocalTree read(KuboClient kubo) {
        try {
            Cid root = kubo.files.stat(PATH).hash();
            Map<UrlHash, Cid> folders = new HashMap<>();
            for (FileEntry e : kubo.files.ls(PATH)) {
                if (e.isDirectory() && UrlHash.isValid(e.name())) {
                    folders.put(new UrlHash(e.name()), e.hash());
                }
            }
            return new LocalTree(root, folders);
        } catch (KuboException e) {
            if (e.kuboMessage() != null && e.kuboMessage().contains("does not exist")) {
                return NONE;
            }
            throw e;
        }
    }

    public boolean hasRoot(Cid cid) {
        return root != null && root.equals(cid);
    }

    public boolean hasFolder(UrlHash page, Cid cid) {
        return cid.equals(folders.get(page));
    }
}

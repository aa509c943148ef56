package dev.comments.backup;

import dev.comments.core.cid.Cid;
import dev.comments.core.comment.CommentVerifier;
import dev.comments.core.comment.InvalidCommentException;
import dev.comments.core.comment.Rejection;
import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.kubo.KuboClient;
import dev.comments.core.kubo.KuboException;
import dev.comments.core.kubo.Link;
import dev.comments.core.network.UrlHash;
import dev.comments.core.store.CommentStore;
import dev.comments.core.tree.PageEntry;
import dev.comments.core.tree.RootEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports a CAR of a whole store (root: one folder per urlHash) or of one page (root: the
 * page's {@code <id>.json} files) into the store. Every comment is verified first
 * ({@link CommentVerifier#verifyFile}: id, signature, limits, page); one failure refuses
 * the whole CAR and nothing reaches the store. kubo refuses a block that does not match
 * its CID before that. The running server publishes the new comments on its next GET.
 *
 * <p>The CAR is read by the reader's rule of the published tree ({@link RootEntry},
 * {@link PageEntry}): foreign entries are skipped and counted, as every reader skips them,
 * rather than refusing the CAR as this importer once did; an {@code <id>.json} that links to
 * anything but the block {@code <id>} is refused like any other bad comment.
 */
final class CarImporter {

    record Result(Cid root, int pages, int comments, long added, int ignored) {
    }

    private final KuboClient kubo;
    private final CommentStore store;

    CarImporter(KuboClient kubo, CommentStore store) {
        this.kubo = kubo;
        this.store = store;
    }

    Result importCar(Path car) throws IOException, ImportRefusedException {
        List<Cid> roots;
        try {
            roots = kubo.dag.importCar(Files.readAllBytes(car));
        } catch (KuboException e) {
            throw new ImportRefusedException(car + " is not a valid CAR (kubo: " + e.kuboMessage() + ")", e);
        }
        if (roots.size() != 1) {
            roots.forEach(kubo.pin::rm);
            throw new ImportRefusedException(car + " has " + roots.size() + " roots; an export has exactly one");
        }
        Cid root = roots.get(0);
        try {
            return verifyAndStore(root);
        } finally {
            // dag/import pinned the root; the server pins its own tree (pin/update) when it
            // publishes the imported comments, and fails if the same CID is pinned already.
            kubo.pin.rm(root);
        }
    }

    private Result verifyAndStore(Cid root) throws IOException, ImportRefusedException {
        List<Link> top = kubo.ls(root);
        List<Link> pages = top.stream().filter(l -> RootEntry.of(l) == RootEntry.PAGE).toList();
        Walk walk = new Walk();
        if (pages.isEmpty()) {
            walk.folder(null, top); // one page's folder, or nothing of ours
            return store(root, walk.comments.isEmpty() ? 0 : 1, walk);
        }
        if (top.stream().anyMatch(l -> PageEntry.of(l) != PageEntry.FOREIGN)) {
            // Either shape alone is clear; both at once leaves no way to tell which this root is.
            throw new ImportRefusedException("the root " + root + " holds both page folders and comment files: not a comment tree");
        }
        walk.ignored += top.size() - pages.size();
        for (Link page : pages) {
            walk.folder(new UrlHash(page.name()), kubo.ls(page.hash()));
        }
        return store(root, pages.size(), walk);
    }

    private Result store(Cid root, int pages, Walk walk) throws IOException {
        long added = store.writeAll(walk.comments).stream().filter(w -> w == CommentStore.WriteResult.CREATED).count();
        return new Result(root, pages, walk.comments.size(), added, walk.ignored);
    }

    /** The comments verified so far, and how many foreign entries were skipped. */
    private final class Walk {
        final List<VerifiedComment> comments = new ArrayList<>();
        int ignored;

        /** Verifies every comment of one page folder; {@code page} null: the page its first comment names. */
        void folder(UrlHash page, List<Link> entries) throws ImportRefusedException {
            UrlHash folder = page;
            for (Link entry : entries) {
                String where = (page == null ? "" : page.hex() + "/") + entry.name();
                switch (PageEntry.of(entry)) {
                    case FOREIGN -> ignored++;
                    case ID_MISMATCH -> throw new ImportRefusedException(where + ": " + Rejection.ID_MISMATCH
                            + " (the entry links to " + entry.hash() + ", not to the block its name says)");
                    case COMMENT -> {
                        VerifiedComment comment = verify(folder, entry.hash(), where);
                        folder = new UrlHash(comment.comment().url());
                        comments.add(comment);
                    }
                }
            }
        }
    }

    private VerifiedComment verify(UrlHash page, Cid id, String where) throws ImportRefusedException {
        byte[] bytes = kubo.cat(id);
        try {
            UrlHash folder = page != null ? page : new UrlHash(CommentVerifier.verify(bytes).comment().url());
            return CommentVerifier.verifyFile(bytes, id, folder);
        } catch (InvalidCommentException e) {
            throw new ImportRefusedException(where + ": " + e.reason() + (e.detail() == null ? "" : " (" + e.detail() + ")"), e);
        }
    }
}

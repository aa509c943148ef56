package dev.comments.backup;

import dev.comments.core.cid.Cid;
import dev.comments.core.comment.CommentVerifier;
import dev.comments.core.comment.InvalidCommentException;
import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.kubo.KuboClient;
import dev.comments.core.kubo.KuboException;
import dev.comments.core.kubo.Link;
import dev.comments.core.network.UrlHash;
import dev.comments.core.store.CommentStore;
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
 */
final class CarImporter {

    record Result(Cid root, int pages, int comments, long added) {
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
        List<VerifiedComment> comments = new ArrayList<>();
        int pages;
        if (!top.isEmpty() && top.stream().allMatch(Link::isDirectory)) {
            for (Link page : top) {
                if (!UrlHash.isValid(page.name())) {
                    throw new ImportRefusedException("folder " + page.name() + " is not a urlHash");
                }
                comments.addAll(verifyPage(new UrlHash(page.name()), kubo.ls(page.hash())));
            }
            pages = top.size();
        } else if (top.stream().allMatch(Link::isFile)) {
            comments.addAll(verifyPage(null, top));
            pages = top.isEmpty() ? 0 : 1;
        } else {
            throw new ImportRefusedException("the root " + root + " mixes files and folders: not a comment tree");
        }
        long added = store.writeAll(comments).stream().filter(w -> w == CommentStore.WriteResult.CREATED).count();
        return new Result(root, pages, comments.size(), added);
    }

    /** Verifies every file of one page folder; {@code page} null: the page the first comment names. */
    private List<VerifiedComment> verifyPage(UrlHash page, List<Link> files) throws ImportRefusedException {
        List<VerifiedComment> verified = new ArrayList<>();
        for (Link file : files) {
            String where = (page == null ? "" : page.hex() + "/") + file.name();
            if (!file.isFile() || !file.name().endsWith(".json")) {
                throw new ImportRefusedException(where + " is not a comment file (<id>.json)");
            }
            Cid id;
            try {
                id = Cid.parse(file.name().substring(0, file.name().length() - ".json".length()));
            } catch (IllegalArgumentException e) {
                throw new ImportRefusedException(where + ": the name is not a comment id", e);
            }
            byte[] bytes = kubo.cat(file.hash());
            try {
                UrlHash folder = page != null ? page : new UrlHash(CommentVerifier.verify(bytes).comment().url());
                page = folder;
                verified.add(CommentVerifier.verifyFile(bytes, id, folder));
            } catch (InvalidCommentException e) {
                throw new ImportRefusedException(where + ": " + e.reason() + (e.detail() == null ? "" : " (" + e.detail() + ")"), e);
            }
        }
        return verified;
    }
}

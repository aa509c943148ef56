package dev.comments.core.withheld;

import dev.comments.core.cid.Cid;
import dev.comments.core.comment.CommentVerifier;
import dev.comments.core.comment.InvalidCommentException;
import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.network.UrlHash;
import dev.comments.core.store.CommentStore;
import dev.comments.core.store.CommentStore.StoredFile;
import dev.comments.core.tree.CommentFileName;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Takes what a withheld list names out of the store, into the held files, and puts back what
 * no list names any more. The store's journal tells the server, which publishes the pages
 * without those comments at its next change (and moves its pin off them).
 *
 * <p>Cost: entries that name pages only touch those pages; entries that name comments cost one
 * listing of every page folder; entries that name keys cost reading every comment of the
 * store once (100,000 pages of one comment: seconds). A takedown is an operator's rare act;
 * what runs on every request is {@link Withheld}'s O(1) lookups.
 */
public final class Takedown {

    private final CommentStore store;
    private final Path held;

    public Takedown(CommentStore store, WithheldLists lists) {
        this.store = store;
        this.held = lists.heldFiles();
    }

    /**
     * Moves every stored comment {@code withheld} names out of the store; returns their ids.
     * {@code entries}: the entries just added, which say where to look (pages only, or everything).
     */
    public List<Cid> apply(Withheld withheld, Collection<WithheldEntry> entries) throws IOException {
        boolean pagesOnly = entries.stream().allMatch(e -> e.kind() == WithheldEntry.Kind.PAGE);
        Collection<UrlHash> pages = pagesOnly
                ? entries.stream().map(e -> new UrlHash(e.value())).toList()
                : store.pages();
        List<Cid> moved = new ArrayList<>();
        for (UrlHash page : pages) {
            moved.addAll(applyTo(page, withheld));
        }
        return moved;
    }

    private List<Cid> applyTo(UrlHash page, Withheld withheld) throws IOException {
        List<Cid> out = new ArrayList<>();
        for (StoredFile file : store.files(page)) {
            if (withheld.id(page, file.id()) || withheld.namesKeys() && byWithheldKey(page, file.id(), withheld)) {
                out.add(file.id());
            }
        }
        return out.isEmpty() ? List.of() : store.moveOut(page, out, held);
    }

    private boolean byWithheldKey(UrlHash page, Cid id, Withheld withheld) throws IOException {
        Optional<byte[]> bytes = store.read(page, id);
        if (bytes.isEmpty()) {
            return false;
        }
        try {
            return withheld.key(CommentVerifier.verifyFile(bytes.get(), id, page).comment().key());
        } catch (InvalidCommentException e) {
            return false; // not a comment the server publishes either
        }
    }

    /**
     * Puts back into the store every held comment that no list withholds any more, verified
     * again as any comment entering a store; returns how many. The held copy goes once the
     * store has the comment durably.
     */
    public int release(Withheld withheld) throws IOException {
        int back = 0;
        if (!Files.isDirectory(held, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        try (DirectoryStream<Path> pages = Files.newDirectoryStream(held)) {
            for (Path folder : pages) {
                String name = folder.getFileName().toString();
                if (UrlHash.isValid(name) && Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                    back += releasePage(new UrlHash(name), folder, withheld);
                }
            }
        }
        return back;
    }

    private int releasePage(UrlHash page, Path folder, Withheld withheld) throws IOException {
        int back = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                Optional<Cid> id = CommentFileName.idOf(file.getFileName().toString());
                if (id.isEmpty() || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                VerifiedComment comment;
                try {
                    comment = CommentVerifier.verifyFile(Files.readAllBytes(file), id.get(), page);
                } catch (InvalidCommentException e) {
                    continue; // kept where it is: it never was a valid comment of this page
                }
                if (withheld.reason(page, id.get(), comment.comment()).isEmpty()) {
                    store.write(comment);
                    Files.delete(file);
                    back++;
                }
            }
        }
        return back;
    }
}

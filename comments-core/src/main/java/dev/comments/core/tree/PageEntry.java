package dev.comments.core.tree;

import dev.comments.core.cid.Cid;
import dev.comments.core.kubo.Link;

/** What an entry of a page's folder is to a reader. */
public enum PageEntry {

    /** {@code <id>.json} linking to exactly the raw block {@code <id>}: read it and verify it. */
    COMMENT,
    /** Named like a comment but linking to anything else: a lie, refused without fetching it. */
    ID_MISMATCH,
    /** Any other name: not ours to read. */
    FOREIGN;

    /** The verdict's word in {@code protocol/vectors.json}: the name in lower case, '-' for '_'. */
    public String verdict() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static PageEntry of(String name, Cid target) {
        return CommentFileName.idOf(name).map(id -> id.equals(target) ? COMMENT : ID_MISMATCH).orElse(FOREIGN);
    }

    public static PageEntry of(Link link) {
        return of(link.name(), link.hash());
    }
}

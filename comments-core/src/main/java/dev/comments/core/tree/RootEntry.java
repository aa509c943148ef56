package dev.comments.core.tree;

import dev.comments.core.cid.Cid;
import dev.comments.core.kubo.Link;
import dev.comments.core.network.UrlHash;
import java.util.Optional;

/** What an entry of the root folder is to a reader: a page's folder, or foreign and not followed. */
public enum RootEntry {

    /** Named by an exact urlHash, linking to a folder (dag-pb). */
    PAGE,
    /** Any other name or target. */
    FOREIGN;

    /** The verdict's word in {@code protocol/vectors.json}: the name in lower case, '-' for '_'. */
    public String verdict() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static RootEntry of(String name, Cid target) {
        return UrlHash.isValid(name) && target.codec() == Cid.DAG_PB ? PAGE : FOREIGN;
    }

    /** As {@link #of(String, Cid)}; a link kubo lists as a file is never a page, though a chunked file is dag-pb too. */
    public static RootEntry of(Link link) {
        return link.type() == Link.FILE ? FOREIGN : of(link.name(), link.hash());
    }

    /** The page a root entry is the folder of, if it is one. */
    public static Optional<UrlHash> page(Link link) {
        return of(link) == PAGE ? Optional.of(new UrlHash(link.name())) : Optional.empty();
    }
}

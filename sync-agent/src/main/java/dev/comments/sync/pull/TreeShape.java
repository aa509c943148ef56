package dev.comments.sync.pull;

import dev.comments.core.cid.Cid;
import dev.comments.core.kubo.Link;
import dev.comments.core.network.UrlHash;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The only shape the agent reads from a peer (DESIGN §4.5 as published): a root folder
 * whose entries are named by exact urlHashes and link to folders (dag-pb), whose entries
 * are named {@code <id>.json} and link to exactly the raw block {@code <id>}. Nothing
 * else is followed: not deeper folders, not other names, not a link whose target is not
 * its name.
 */
public final class TreeShape {

    private static final Pattern COMMENT_NAME = Pattern.compile("(b[a-z2-7]{58})\\.json");

    private TreeShape() {
    }

    /** A page entry of the root, if the link is one. */
    public static Optional<UrlHash> page(Link link) {
        if (!UrlHash.isValid(link.name()) || link.hash().codec() != Cid.DAG_PB || link.type() == Link.FILE) {
            return Optional.empty();
        }
        return Optional.of(new UrlHash(link.name()));
    }

    /** What a page folder's entry is. */
    public enum Entry {
        /** {@code <id>.json} → the raw block {@code <id>}. */
        COMMENT,
        /** Named like a comment, but linking to something else: a file that is not what its name says. */
        MISNAMED,
        /** Any other name: not ours to read. */
        FOREIGN
    }

    public static Entry entry(Link link) {
        Matcher m = COMMENT_NAME.matcher(link.name());
        if (!m.matches()) {
            return Entry.FOREIGN;
        }
        Cid id;
        try {
            id = Cid.parse(m.group(1));
        } catch (IllegalArgumentException e) {
            return Entry.FOREIGN;
        }
        if (id.codec() != Cid.RAW || id.multihash() != Cid.SHA2_256) {
            return Entry.FOREIGN;
        }
        return id.equals(link.hash()) ? Entry.COMMENT : Entry.MISNAMED;
    }
}

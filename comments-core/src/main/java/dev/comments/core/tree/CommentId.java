package dev.comments.core.tree;

import dev.comments.core.cid.Cid;
import java.util.Optional;

/**
 * A comment's id: the CIDv1 of its file's bytes, codec raw, hash sha2-256, written in base32
 * ("b" and 58 characters). Only such a CID names a comment, a comment file or a parent.
 */
public final class CommentId {

    private CommentId() {
    }

    /** True when the CID has a comment id's codec and hash. */
    public static boolean is(Cid cid) {
        return cid.codec() == Cid.RAW && cid.multihash() == Cid.SHA2_256;
    }

    /** The id this text spells exactly, or empty for any other text (another CID, a variant spelling, null). */
    public static Optional<Cid> parse(String text) {
        Cid cid;
        try {
            cid = Cid.parse(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return is(cid) ? Optional.of(cid) : Optional.empty();
    }
}

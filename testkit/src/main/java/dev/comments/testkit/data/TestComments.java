package dev.comments.testkit.data;

import dev.comments.core.comment.Comment;
import dev.comments.core.comment.CommentSigner;
import dev.comments.core.comment.CommentVerifier;
import dev.comments.core.comment.InvalidCommentException;
import dev.comments.core.comment.Stamp;
import dev.comments.core.comment.VerifiedComment;
import java.util.HexFormat;
import java.util.function.LongFunction;

/** Real signed comments for tests, made with the vectors' test key. */
public final class TestComments {

    public static final String PAGE = "2fff419f1f69f140a0762cabebc1a3e19fe04b4d94a95e22b998aa3bfb737a92";
    public static final CommentSigner SIGNER = new CommentSigner(
            HexFormat.of().parseHex("3772b9956d6c9c5d78f47c91ee38a39c21e778994496ef8e724d304fa22f6ee5"));

    private TestComments() {
    }

    public static VerifiedComment comment(String page, String text) {
        return verified(SIGNER.sign(page, null, "Tester", text, 1795530000000L).fileBytes());
    }

    /**
     * The first of {@code nth(0), nth(1), ...} whose stamp (docs/protocol.md §3.9) is below
     * {@code bits}: half of all ids have no leading zero bit, so one or two tries.
     */
    public static Comment weakerThan(int bits, LongFunction<Comment> nth) {
        for (long i = 0; ; i++) {
            Comment c = nth.apply(i);
            if (Stamp.bits(c.id()) < bits) {
                return c;
            }
        }
    }

    public static VerifiedComment verified(byte[] bytes) {
        try {
            return CommentVerifier.verify(bytes);
        } catch (InvalidCommentException e) {
            throw new AssertionError("test comment should be valid: " + e.detail(), e);
        }
    }
}

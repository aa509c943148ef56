package dev.comments.sync.testing;

import dev.comments.core.comment.Comment;
import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.network.UrlHash;
import dev.comments.testkit.data.TestComments;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Pages and real signed comments for the sync tests. */
public final class Pages {

    private Pages() {
    }

    /** The urlHash of {@code https://example.org/<name>}. */
    public static UrlHash page(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("https://example.org/" + name).getBytes(StandardCharsets.UTF_8));
            return new UrlHash(HexFormat.of().formatHex(d));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static VerifiedComment comment(UrlHash page, String text) {
        return TestComments.verified(signed(page, text).fileBytes());
    }

    public static Comment signed(UrlHash page, String text) {
        return TestComments.SIGNER.sign(page.hex(), null, "Tester", text, 1795530000000L);
    }
}

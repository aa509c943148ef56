package dev.comments.sync.testing;

import dev.comments.core.cid.Cid;
import dev.comments.core.comment.Comment;
import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.network.UrlHash;
import dev.comments.core.store.CommentStore;
import java.io.IOException;
import dev.comments.testkit.data.TestComments;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

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

    /** Every comment id in a store, on every page: what a sync test compares with what it expects. */
    public static Set<Cid> everything(CommentStore store) throws IOException {
        Set<Cid> all = new HashSet<>();
        for (UrlHash page : store.pages()) {
            all.addAll(store.list(page));
        }
        return all;
    }
}

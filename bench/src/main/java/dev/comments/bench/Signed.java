package dev.comments.bench;

import dev.comments.core.comment.Comment;
import dev.comments.core.comment.CommentSigner;
import dev.comments.core.comment.CommentVerifier;
import dev.comments.core.comment.InvalidCommentException;
import dev.comments.core.comment.VerifiedComment;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Real signed comments for the load: one key per bench run, texts of about the length of
 * a short comment (files of ~400 bytes, as in STACK-NOTES' fsync figures).
 */
final class Signed {

    private static final String FILLER = "Loopback load: an ordinary short comment, long enough to look like one people write."
            + " It says little, on purpose.";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CommentSigner signer;
    private final long ts0 = System.currentTimeMillis();

    Signed() {
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        signer = new CommentSigner(seed);
        // One real check that what we sign is what servers accept.
        try {
            CommentVerifier.verify(comment(randomPage(), null, "check", 0).fileBytes());
        } catch (InvalidCommentException e) {
            throw new IllegalStateException("the bench signs comments servers refuse: " + e.detail(), e);
        }
    }

    static String randomPage() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String randomHex32() {
        return randomPage();
    }

    VerifiedComment comment(String page, String parent, String tag, int i) {
        Comment c = signer.sign(page, parent, "Bench " + (i % 17), "#" + i + " " + tag + ". " + FILLER, ts0 + i);
        byte[] bytes = c.fileBytes();
        return new VerifiedComment(c, c.id(), bytes);
    }

    /** n top-level comments on one page, signed on every core. */
    List<VerifiedComment> flat(String page, String tag, int n) {
        return IntStream.range(0, n).parallel().mapToObj(i -> comment(page, null, tag, i)).toList();
    }

    /** A thread: four in five top-level, the rest replies to earlier ones. */
    List<VerifiedComment> thread(String page, String tag, int n) {
        int top = n - n / 5;
        List<VerifiedComment> all = new ArrayList<>(flat(page, tag, top));
        List<VerifiedComment> tops = List.copyOf(all);
        all.addAll(IntStream.range(top, n).parallel()
                .mapToObj(i -> comment(page, tops.get((i - top) * 3 % top).id().text(), tag + " reply", i)).toList());
        return all;
    }
}

package dev.comments.core.comment;

import java.util.Base64;

/**
 * Signs comments the way the browser client does. Used by tests, benchmarks and tools
 * that need real signed comments; servers never sign.
 */
public final class CommentSigner {

    private final byte[] seed;
    private final String publicKey;

    public CommentSigner(byte[] seed) {
        this.seed = seed.clone();
        this.publicKey = Base64.getUrlEncoder().withoutPadding().encodeToString(Ed25519.publicKeyOf(seed));
    }

    public String publicKey() {
        return publicKey;
    }

    /** A version 1 comment: no nonce, so no stamp but what its id happens to have. */
    public Comment sign(String url, String parent, String author, String text, long ts) {
        return signed(new Comment(CommentLimits.VERSION, url, parent, author, text, ts, publicKey, ""));
    }

    /** A version 2 comment with this nonce. */
    public Comment sign(String url, String parent, String author, String text, long ts, long nonce) {
        return signed(new Comment(CommentLimits.VERSION_STAMPED, url, parent, author, text, ts, publicKey, "", nonce));
    }

    /** A version 3 record of this kind (docs/protocol.md §3.10) with this nonce. */
    public Comment signRecord(String kind, String url, String parent, String author, String text, long ts, long nonce) {
        return signed(new Comment(CommentLimits.VERSION_RECORDS, url, parent, author, text, ts, publicKey, "", nonce, kind));
    }

    /**
     * A version 2 comment whose stamp has at least {@code minBits} (docs/protocol.md §3.9): the
     * nonce counts up from 0, each try a signature and a hash, about 2^minBits tries on average.
     */
    public Comment signStamped(String url, String parent, String author, String text, long ts, int minBits) {
        return stamped(nonce -> sign(url, parent, author, text, ts, nonce), minBits);
    }

    /** A version 3 record (§3.10) stamped as {@link #signStamped} stamps a comment. */
    public Comment signStampedRecord(String kind, String url, String parent, String author, String text, long ts, int minBits) {
        return stamped(nonce -> signRecord(kind, url, parent, author, text, ts, nonce), minBits);
    }

    private static Comment stamped(java.util.function.LongFunction<Comment> withNonce, int minBits) {
        for (long nonce = 0; nonce <= CommentLimits.MAX_NONCE; nonce++) {
            Comment c = withNonce.apply(nonce);
            if (Stamp.bits(c.id()) >= minBits) {
                return c;
            }
        }
        throw new IllegalArgumentException("no nonce gives a stamp of " + minBits + " bits");
    }

    /**
     * The unpadded base64url Ed25519 signature of the canonical JSON of these fields: how a
     * document other than a comment is signed, such as a mute list (docs/protocol.md §3.11).
     */
    public String signatureOf(java.util.Map<String, ?> fields) {
        byte[] sig = Ed25519.sign(seed, dev.comments.core.json.CanonicalJson.encode(fields));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    }

    private Comment signed(Comment unsigned) {
        byte[] sig = Ed25519.sign(seed, unsigned.signedBytes());
        return unsigned.withSig(Base64.getUrlEncoder().withoutPadding().encodeToString(sig));
    }
}

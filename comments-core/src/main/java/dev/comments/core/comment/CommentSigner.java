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

    public Comment sign(String url, String parent, String author, String text, long ts) {
        Comment unsigned = new Comment(CommentLimits.VERSION, url, parent, author, text, ts, publicKey, "");
        byte[] sig = Ed25519.sign(seed, unsigned.signedBytes());
        return unsigned.withSig(Base64.getUrlEncoder().withoutPadding().encodeToString(sig));
    }
}

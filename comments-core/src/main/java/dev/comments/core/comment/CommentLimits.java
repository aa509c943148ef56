package dev.comments.core.comment;

/** The limits of a comment (docs/protocol.md, "Rules"), in one place. Characters are Unicode code points. */
public final class CommentLimits {
    public static final int MAX_FILE_BYTES = 16 * 1024;
    public static final int MAX_AUTHOR = 64;
    public static final int MAX_TEXT = 5000;
    /** The version of a comment without a stamp (docs/protocol.md §3.1). */
    public static final int VERSION = 1;
    /** The version of a comment with a {@code nonce}, the field its author varies to stamp it (§3.9). */
    public static final int VERSION_STAMPED = 2;
    /** The largest nonce: 2^53 - 1, the largest whole number a JavaScript number holds exactly. */
    public static final long MAX_NONCE = 9_007_199_254_740_991L;
    /**
     * The largest {@code ts}: 8.64e15 ms, +275760-09-13T00:00:00Z, the last instant an ECMAScript
     * {@code Date} holds. A larger value would be a valid comment that no browser can show.
     */
    public static final long MAX_TS = 8_640_000_000_000_000L;

    private CommentLimits() {
    }
}

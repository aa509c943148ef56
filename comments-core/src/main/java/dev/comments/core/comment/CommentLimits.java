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
    /**
     * The version of a record (§3.10): a stamped comment with a {@code kind}, which may also be a
     * revision, a withdrawal or a reaction about another comment of the same page.
     */
    public static final int VERSION_RECORDS = 3;
    /** The largest nonce: 2^53 - 1, the largest whole number a JavaScript number holds exactly. */
    public static final long MAX_NONCE = 9_007_199_254_740_991L;
    /**
     * The largest {@code ts}: 8.64e15 ms, +275760-09-13T00:00:00Z, the last instant an ECMAScript
     * {@code Date} holds. A larger value would be a valid comment that no browser can show.
     */
    public static final long MAX_TS = 8_640_000_000_000_000L;

    /** The kinds of a version 3 record (§3.10). */
    public static final java.util.List<String> KINDS = java.util.List.of("comment", "revision", "withdrawal", "reaction");
    /** What a reaction's text may be: one of the fixed set, or {@code none} to take one's reaction back. */
    public static final java.util.List<String> REACTIONS = java.util.List.of("useful", "thanks", "funny", "insightful", "none");
    /** The one text of a withdrawal. */
    public static final String WITHDRAWN = "withdrawn";

    private CommentLimits() {
    }
}

package dev.comments.core.comment;

/** The limits of DESIGN §4.3, in one place. Characters are Unicode code points. */
public final class CommentLimits {
    public static final int MAX_FILE_BYTES = 16 * 1024;
    public static final int MAX_AUTHOR = 64;
    public static final int MAX_TEXT = 5000;
    public static final int VERSION = 1;

    private CommentLimits() {
    }
}

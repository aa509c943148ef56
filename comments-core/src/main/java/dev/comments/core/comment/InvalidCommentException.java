package dev.comments.core.comment;

/** A comment that must not be stored or shown, with the one reason why. */
public class InvalidCommentException extends Exception {

    private static final long serialVersionUID = 1L;
    private final Rejection reason;

    public InvalidCommentException(Rejection reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public InvalidCommentException(Rejection reason) {
        this(reason, reason.summary());
    }

    public Rejection reason() {
        return reason;
    }

    /** What the HTTP layer returns as {@code detail}. */
    public String detail() {
        return getMessage();
    }
}

package dev.comments.sync.pull;

/**
 * A peer that could not be synced with this round: it did not answer
 * ({@link Kind#UNREACHABLE}) or answered something no honest server sends
 * ({@link Kind#INVALID}). Both put the peer in backoff; neither stops the round.
 */
public final class PeerException extends Exception {

    private static final long serialVersionUID = 1L;

    /** BUSY: it answered 503 (busy, or rebuilding its tree after a start), which is no reason for backoff. */
    public enum Kind { UNREACHABLE, INVALID, BUSY }

    private final Kind kind;

    public PeerException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public PeerException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

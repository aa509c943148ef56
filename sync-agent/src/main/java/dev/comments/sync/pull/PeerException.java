package dev.comments.sync.pull;

/**
 * A peer that could not be synced with this round: it did not answer
 * ({@link Kind#UNREACHABLE}) or answered something no honest server sends
 * ({@link Kind#INVALID}). Both put the peer in backoff; neither stops the round.
 */
public final class PeerException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind { UNREACHABLE, INVALID }

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

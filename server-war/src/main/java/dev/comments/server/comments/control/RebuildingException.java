package dev.comments.server.comments.control;

/** The published tree is being rebuilt from the store (at start, or after the daemon lost it): ask again shortly. */
public final class RebuildingException extends RuntimeException {

    public RebuildingException(String message) {
        super(message, null, false, false);
    }
}

package dev.comments.backup;

/** A CAR that must not be imported: damaged, not a comment tree, or holding a comment that fails verification. */
public final class ImportRefusedException extends Exception {

    public ImportRefusedException(String message, Throwable cause) {
        super(message, cause);
    }

    public ImportRefusedException(String message) {
        super(message);
    }
}

package dev.comments.core.network;

/**
 * The key of a page: lowercase hex SHA-256 of its normalized URL (docs/protocol.md §1).
 * Java never sees URLs; it only checks the exact form, which also rules out every
 * path trick ("..", slashes, encodings) wherever a urlHash becomes a file name.
 */
public record UrlHash(String hex) {

    private static final int LENGTH = 64;

    public UrlHash {
        if (!isValid(hex)) {
            throw new IllegalArgumentException("urlHash must be 64 lowercase hex characters");
        }
    }

    /** {@code [0-9a-f]{64}}, checked by hand: it runs on every API request (a regex cost 5 % of a cached read). */
    public static boolean isValid(String s) {
        if (s == null || s.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return hex;
    }
}

package dev.comments.core.network;

import java.util.regex.Pattern;

/**
 * The key of a page: lowercase hex SHA-256 of its normalized URL (docs/protocol.md §1).
 * Java never sees URLs; it only checks the exact form, which also rules out every
 * path trick ("..", slashes, encodings) wherever a urlHash becomes a file name.
 */
public record UrlHash(String hex) {

    private static final Pattern FORM = Pattern.compile("[0-9a-f]{64}");

    public UrlHash {
        if (!isValid(hex)) {
            throw new IllegalArgumentException("urlHash must be 64 lowercase hex characters");
        }
    }

    public static boolean isValid(String s) {
        return s != null && FORM.matcher(s).matches();
    }

    @Override
    public String toString() {
        return hex;
    }
}

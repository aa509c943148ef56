package dev.comments.core.withheld;

import dev.comments.core.cid.Cid;
import dev.comments.core.network.UrlHash;
import dev.comments.core.tree.CommentId;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * One line of a withheld list: what an operator takes down, and a free note (the notice's
 * reference, a date). {@code comment <id>}, {@code key <public key>} (every comment that key
 * signed) or {@code page <urlHash>} (every comment on the page). Values are checked exactly as
 * the protocol spells them, so a list from another operator can name nothing else (no path, no
 * pattern, no control character).
 */
public record WithheldEntry(Kind kind, String value, String note) {

    /** Past this many characters a note is cut: a list line stays one short line. */
    static final int MAX_NOTE = 200;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern NOTE_CHARS = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");

    public enum Kind {
        COMMENT, KEY, PAGE;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public WithheldEntry {
        if (kind == null || value == null) {
            throw new IllegalArgumentException("an entry needs a kind and a value");
        }
        String problem = switch (kind) {
            case COMMENT -> CommentId.parse(value).isPresent() ? null : "not a comment id (a CIDv1 raw sha2-256 in base32)";
            case KEY -> isKey(value) ? null : "not a public key (43 base64url characters, 32 bytes)";
            case PAGE -> UrlHash.isValid(value) ? null : "not a urlHash (64 lowercase hex characters)";
        };
        if (problem != null) {
            throw new IllegalArgumentException(kind.word() + " " + shorten(value) + ": " + problem);
        }
        note = note == null ? "" : NOTE_CHARS.matcher(note).replaceAll(" ").strip();
        if (note.length() > MAX_NOTE) {
            note = note.substring(0, MAX_NOTE);
        }
    }

    public static WithheldEntry comment(Cid id, String note) {
        return new WithheldEntry(Kind.COMMENT, id.text(), note);
    }

    public static WithheldEntry page(UrlHash page, String note) {
        return new WithheldEntry(Kind.PAGE, page.hex(), note);
    }

    public static WithheldEntry key(String key, String note) {
        return new WithheldEntry(Kind.KEY, key, note);
    }

    /** The entry a kind word and a value name: "comment", "key" or "page". */
    public static WithheldEntry of(String kind, String value, String note) {
        Kind k = switch (kind == null ? "" : kind) {
            case "comment" -> Kind.COMMENT;
            case "key" -> Kind.KEY;
            case "page" -> Kind.PAGE;
            default -> throw new IllegalArgumentException("unknown kind " + shorten(String.valueOf(kind))
                    + ": expected comment, key or page");
        };
        return new WithheldEntry(k, value, note);
    }

    /** The line of a list: kind, value and the note, if any. */
    public String line() {
        return kind.word() + " " + value + (note.isEmpty() ? "" : " " + note);
    }

    /** Whether two entries withhold the same thing, whatever their notes. */
    public boolean sameTarget(WithheldEntry other) {
        return kind == other.kind && value.equals(other.value);
    }

    private static boolean isKey(String value) {
        if (!KEY.matcher(value).matches()) {
            return false;
        }
        try {
            return Base64.getUrlDecoder().decode(value).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String shorten(String value) {
        String printable = NOTE_CHARS.matcher(value).replaceAll("?");
        return printable.length() > 80 ? printable.substring(0, 80) + "…" : printable;
    }
}

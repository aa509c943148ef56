package dev.comments.server.comments.control;

/**
 * The prefix of urlHashes that names a bucket of {@code GET /counts/{prefix}} (docs/protocol.md
 * §5.8, docs/adr/011-private-badge-counts.md): {@value #MIN_LENGTH} to {@value #MAX_LENGTH}
 * lowercase hex characters, and the most pages one answer lists, {@value #MAX_PAGES}.
 *
 * <p>Why these numbers:
 * <ul>
 * <li>{@link #MAX_PAGES}: an answer is one {@code "<urlHash>":n} member (~70 bytes) per page, so
 *     at most ~70 KB, and a walk of at most {@code MAX_PAGES + 1} entries of the sorted index,
 *     whatever the store's size. Past it the answer says the bucket is over-full and lists
 *     nothing; the asker asks again with one more character (a sixteenth of the bucket). A
 *     server of 100,000 pages holds ~24 per 3-character bucket (4,096 buckets), one of
 *     1,000,000 ~244: well under the cap up to ~3.5 million pages at the extension's length.</li>
 * <li>{@link #MIN_LENGTH}: a 1-character bucket is a sixteenth of the store, over the cap on
 *     any server past ~16,000 pages; 2 characters (256 buckets) still lets a small server's
 *     readers hide among all its pages.</li>
 * <li>{@link #MAX_LENGTH}: a bucket must stay a crowd. At 6 characters (16.7 million buckets) a
 *     server of 100 million pages holds ~6 per bucket; a longer prefix would name one page to
 *     the server, which is what {@code GET /{urlHash}} is for, not this endpoint. It also ends
 *     the asker's narrowing: a 6-character bucket over the cap can only be made by grinding
 *     hashes, and its readers then get no count rather than a page lookup.</li>
 * </ul>
 */
public final class BucketPrefix {

    public static final int MIN_LENGTH = 2;
    public static final int MAX_LENGTH = 6;
    public static final int MAX_PAGES = 1_000;

    private BucketPrefix() {
    }

    /** {@code [0-9a-f]{2,6}}, checked by hand like {@code UrlHash.isValid}. */
    public static boolean isValid(String s) {
        if (s == null || s.length() < MIN_LENGTH || s.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }
}

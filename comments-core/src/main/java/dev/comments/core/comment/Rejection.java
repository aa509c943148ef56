package dev.comments.core.comment;

/**
 * Why a comment was refused. The code is stable (the HTTP layer returns it as
 * {@code error}); the detail sent with it says which value was wrong.
 */
public enum Rejection {
    TOO_LARGE("too-large", "a comment file is at most " + CommentLimits.MAX_FILE_BYTES + " bytes"),
    NOT_UTF8("not-utf8", "the comment is not valid UTF-8"),
    NOT_JSON("not-json", "the comment is not valid JSON"),
    NOT_AN_OBJECT("not-an-object", "the comment must be one JSON object"),
    DUPLICATE_FIELD("duplicate-field", "a field appears twice"),
    UNKNOWN_FIELD("unknown-field", "the fields are v, url, parent, author, text, ts, key, sig, nonce in versions 2 and 3, and kind in version 3"),
    MISSING_FIELD("missing-field", "the fields are v, url, parent, author, text, ts, key, sig, nonce in versions 2 and 3, and kind in version 3"),
    WRONG_TYPE("wrong-type", "a field has the wrong JSON type"),
    UNSUPPORTED_VERSION("unsupported-version", "v must be 1, 2 or 3"),
    BAD_URL("bad-url", "url must be a urlHash: 64 lowercase hex characters"),
    BAD_PARENT("bad-parent", "parent must be null or a comment id (CIDv1 raw sha2-256, base32)"),
    UNKNOWN_KIND("unknown-kind", "kind must be comment, revision, withdrawal or reaction"),
    MISSING_TARGET("missing-target", "a revision, withdrawal or reaction names the comment it is about in parent"),
    AUTHOR_LENGTH("author-length", "author must be 1 to " + CommentLimits.MAX_AUTHOR + " characters"),
    TEXT_LENGTH("text-length", "text must be 1 to " + CommentLimits.MAX_TEXT + " characters"),
    BAD_REACTION("bad-reaction", "a reaction's text is one of useful, thanks, funny, insightful or none"),
    BAD_WITHDRAWAL("bad-withdrawal", "a withdrawal's text is withdrawn"),
    BAD_TIMESTAMP("bad-ts", "ts must be a whole number of milliseconds since 1970, 0 to " + CommentLimits.MAX_TS),
    BAD_NONCE("bad-nonce", "nonce must be a whole number from 0 to " + CommentLimits.MAX_NONCE),
    BAD_KEY("bad-key", "key must be a 32-byte Ed25519 public key in unpadded base64url"),
    BAD_SIGNATURE_ENCODING("bad-sig-encoding", "sig must be a 64-byte Ed25519 signature in unpadded base64url"),
    SIGNATURE_INVALID("bad-signature", "the signature does not verify with the comment's key"),
    NOT_CANONICAL("not-canonical", "the file's bytes are not the canonical JSON of its fields"),
    ID_MISMATCH("id-mismatch", "the comment's bytes do not hash to its id"),
    WRONG_PAGE("wrong-page", "the comment's url is not the page it was sent to"),
    /** Not a rule of validity: the receiver's own minimum (docs/protocol.md §3.9). */
    WEAK_STAMP("weak-stamp", "the comment's stamp has fewer leading zero bits than this receiver asks for");

    private final String code;
    private final String summary;

    Rejection(String code, String summary) {
        this.code = code;
        this.summary = summary;
    }

    public String code() {
        return code;
    }

    public String summary() {
        return summary;
    }
}

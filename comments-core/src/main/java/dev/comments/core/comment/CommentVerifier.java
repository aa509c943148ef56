package dev.comments.core.comment;

import dev.comments.core.cid.Cid;
import dev.comments.core.network.UrlHash;
import dev.comments.core.tree.CommentId;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Every check a receiver makes before it stores or shows a comment (docs/protocol.md §3):
 * shape, limits, signature, and for files also canonical bytes, id and page.
 * The server on POST, the sync agent on pull and the tests use this one class.
 */
public final class CommentVerifier {

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

    private CommentVerifier() {
    }

    /**
     * Checks a comment as posted: any valid JSON spelling of the fields is taken, and
     * the result carries the canonical file bytes and the id they hash to.
     */
    public static VerifiedComment verify(byte[] bytes) throws InvalidCommentException {
        Comment comment = CommentParser.parse(bytes);
        checkValues(comment);
        byte[] file = comment.fileBytes();
        if (file.length > CommentLimits.MAX_FILE_BYTES) {
            throw new InvalidCommentException(Rejection.TOO_LARGE,
                    "the comment file would have " + file.length + " bytes; at most " + CommentLimits.MAX_FILE_BYTES + " are allowed");
        }
        return new VerifiedComment(comment, Cid.ofRaw(file), file);
    }

    /** Checks a posted comment and that it belongs to the page it was posted to. */
    public static VerifiedComment verifyPost(byte[] body, UrlHash page) throws InvalidCommentException {
        VerifiedComment verified = verify(body);
        if (!verified.comment().url().equals(page.hex())) {
            throw new InvalidCommentException(Rejection.WRONG_PAGE,
                    "the comment's url " + verified.comment().url() + " is not the page " + page.hex());
        }
        return verified;
    }

    /**
     * Checks a stored or fetched file: canonical bytes, named by the id they hash to,
     * and in the folder of its own page.
     */
    public static VerifiedComment verifyFile(byte[] bytes, Cid expectedId, UrlHash folder) throws InvalidCommentException {
        if (!expectedId.isRawSha256Of(bytes)) {
            throw new InvalidCommentException(Rejection.ID_MISMATCH,
                    "the file's bytes do not hash to " + expectedId);
        }
        VerifiedComment verified = verify(bytes);
        if (!Arrays.equals(verified.fileBytes(), bytes)) {
            throw new InvalidCommentException(Rejection.NOT_CANONICAL);
        }
        if (!verified.comment().url().equals(folder.hex())) {
            throw new InvalidCommentException(Rejection.WRONG_PAGE,
                    "the comment's url " + verified.comment().url() + " is not its folder's page " + folder.hex());
        }
        return verified;
    }

    private static void checkValues(Comment c) throws InvalidCommentException {
        checkVersion(c);
        if (!UrlHash.isValid(c.url())) {
            throw new InvalidCommentException(Rejection.BAD_URL);
        }
        checkParent(c.parent());
        checkKind(c);
        checkLength(c.author(), CommentLimits.MAX_AUTHOR, Rejection.AUTHOR_LENGTH, "author");
        checkLength(c.text(), CommentLimits.MAX_TEXT, Rejection.TEXT_LENGTH, "text");
        checkKindText(c);
        if (c.ts() < 0 || c.ts() > CommentLimits.MAX_TS) {
            throw new InvalidCommentException(Rejection.BAD_TIMESTAMP);
        }
        if (c.nonce() != null && (c.nonce() < 0 || c.nonce() > CommentLimits.MAX_NONCE)) {
            throw new InvalidCommentException(Rejection.BAD_NONCE);
        }
        byte[] key = decodeBase64Url(c.key(), 32, Rejection.BAD_KEY);
        byte[] sig = decodeBase64Url(c.sig(), 64, Rejection.BAD_SIGNATURE_ENCODING);
        if (!Ed25519.verify(key, c.signedBytes(), sig)) {
            throw new InvalidCommentException(Rejection.SIGNATURE_INVALID);
        }
    }

    /**
     * v is 1 (eight fields), 2 (the eight and a nonce) or 3 (the eight, a nonce and a kind), and
     * the fields are those of its version.
     */
    private static void checkVersion(Comment c) throws InvalidCommentException {
        if (c.v() == CommentLimits.VERSION && c.nonce() != null) {
            throw new InvalidCommentException(Rejection.UNKNOWN_FIELD, "nonce is a field of version 2 and 3 comments only");
        }
        if ((c.v() == CommentLimits.VERSION || c.v() == CommentLimits.VERSION_STAMPED) && c.kind() != null) {
            throw new InvalidCommentException(Rejection.UNKNOWN_FIELD, "kind is a field of version 3 records only");
        }
        if ((c.v() == CommentLimits.VERSION_STAMPED || c.v() == CommentLimits.VERSION_RECORDS) && c.nonce() == null) {
            throw new InvalidCommentException(Rejection.MISSING_FIELD, "missing field: nonce (a version " + c.v() + " comment has one)");
        }
        if (c.v() == CommentLimits.VERSION_RECORDS && c.kind() == null) {
            throw new InvalidCommentException(Rejection.MISSING_FIELD, "missing field: kind (a version 3 record has one)");
        }
        if (c.v() != CommentLimits.VERSION && c.v() != CommentLimits.VERSION_STAMPED && c.v() != CommentLimits.VERSION_RECORDS) {
            throw new InvalidCommentException(Rejection.UNSUPPORTED_VERSION, "v must be 1, 2 or 3, not " + c.v());
        }
    }

    /** A record's kind is one of four, and every kind but a comment is about a comment (§3.10). */
    private static void checkKind(Comment c) throws InvalidCommentException {
        if (c.kind() == null) {
            return;
        }
        if (!CommentLimits.KINDS.contains(c.kind())) {
            throw new InvalidCommentException(Rejection.UNKNOWN_KIND);
        }
        if (!c.kind().equals("comment") && c.parent() == null) {
            throw new InvalidCommentException(Rejection.MISSING_TARGET,
                    "a " + c.kind() + " names the comment it is about in parent");
        }
    }

    private static void checkKindText(Comment c) throws InvalidCommentException {
        if ("reaction".equals(c.kind()) && !CommentLimits.REACTIONS.contains(c.text())) {
            throw new InvalidCommentException(Rejection.BAD_REACTION);
        }
        if ("withdrawal".equals(c.kind()) && !CommentLimits.WITHDRAWN.equals(c.text())) {
            throw new InvalidCommentException(Rejection.BAD_WITHDRAWAL);
        }
    }

    private static void checkParent(String parent) throws InvalidCommentException {
        if (parent != null && CommentId.parse(parent).isEmpty()) {
            throw new InvalidCommentException(Rejection.BAD_PARENT);
        }
    }

    private static void checkLength(String s, int max, Rejection reason, String field) throws InvalidCommentException {
        int length = s.codePointCount(0, s.length());
        if (length < 1 || length > max) {
            throw new InvalidCommentException(reason,
                    field + " must be 1 to " + max + " characters, not " + length);
        }
    }

    /** Unpadded base64url of exactly n bytes, in its one canonical spelling. */
    private static byte[] decodeBase64Url(String s, int n, Rejection reason) throws InvalidCommentException {
        if (!BASE64URL.matcher(s).matches()) {
            throw new InvalidCommentException(reason);
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidCommentException(reason);
        }
        if (bytes.length != n || !Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(s)) {
            throw new InvalidCommentException(reason);
        }
        return bytes;
    }
}

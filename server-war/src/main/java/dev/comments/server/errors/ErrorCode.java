package dev.comments.server.errors;

import dev.comments.core.comment.Rejection;
import dev.comments.server.comments.control.BucketPrefix;
import jakarta.ws.rs.core.Response;

/**
 * The one table of the API's error codes, with the status each is answered with, its detail
 * when the caller has nothing more precise, and for some 503s when to retry. It agrees with
 * the table of docs/protocol.md §5 ({@code ErrorCodeTest} checks that every code is there).
 * A refused comment answers with the protocol's own code instead (§3.8): {@link #refused}.
 */
public enum ErrorCode {
    BAD_URL_HASH(400, "bad-url-hash", "a page is named by its urlHash: 64 lowercase hex characters"),
    BAD_PREFIX(400, "bad-prefix", "a bucket of GET /counts/{prefix} is named by "
            + BucketPrefix.MIN_LENGTH + " to "
            + BucketPrefix.MAX_LENGTH + " lowercase hex characters"),
    BAD_ID(400, "bad-id", "a comment id is a CIDv1 (raw, sha2-256) in base32"),
    BAD_REQUEST(400, "bad-request", null),
    NOT_FOUND(404, "not-found", "no such resource: the API is GET /, GET /{urlHash}, POST /{urlHash}, GET /counts/{prefix}, GET /health and GET /withheld"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "this method is not allowed here"),
    NOT_ACCEPTABLE(406, "not-acceptable", null),
    TOO_LARGE(413, "too-large", null),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "send the comment as Content-Type: application/json"),
    RATE_LIMITED(429, "rate-limited", null),
    /** The server's operator withholds the comment, its key or its page (docs/deploy.md, "Takedowns"). */
    WITHHELD(451, "withheld", null),
    STORE_ERROR(500, "store-error", "the comment store could not be read"),
    INSUFFICIENT_STORAGE(507, "insufficient-storage", null),
    INTERNAL(500, "internal", null),
    BUSY(503, "busy", null, 1),
    IPFS_UNAVAILABLE(503, "ipfs-unavailable",
            "the server's IPFS daemon is not answering; posting still works, reading will be back shortly", 5),
    REBUILDING(503, "rebuilding",
            "the server is publishing its comments to IPFS after a start; posting works, reading is back shortly", 5),
    UNAVAILABLE(503, "unavailable", null),
    /** Any other refusal that Jersey raises by itself, answered with Jersey's status. */
    REFUSED(400, "error", null);

    private final int status;
    private final String code;
    private final String message;
    private final int retryAfterSeconds;

    ErrorCode(int status, String code, String message) {
        this(status, code, message, 0);
    }

    ErrorCode(int status, String code, String message, int retryAfterSeconds) {
        this.status = status;
        this.code = code;
        this.message = message;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** The detail when the caller has nothing more precise; null when it always has. */
    String message() {
        return message;
    }

    public Response response() {
        return response(message);
    }

    public Response response(String detail) {
        return builder(detail).build();
    }

    /** The answer, with {@code Retry-After} when this code has one. */
    public Response.ResponseBuilder builder(String detail) {
        Response.ResponseBuilder b = ApiError.builder(status, code, detail);
        return retryAfterSeconds > 0 ? b.header("Retry-After", String.valueOf(retryAfterSeconds)) : b;
    }

    public ApiException exception() {
        return exception(message);
    }

    public ApiException exception(String detail) {
        return new ApiException(builder(detail), detail);
    }

    /** A refused comment: 400 with the protocol's code (§3.8), {@code too-large} as 413. */
    public static ApiException refused(Rejection reason, String detail) {
        int status = reason == Rejection.TOO_LARGE ? TOO_LARGE.status : 400;
        return new ApiException(ApiError.builder(status, reason.code(), detail), detail);
    }

    /** The code for a status that Jersey raised by itself (unknown path, wrong method, ...). */
    static ErrorCode forJersey(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : REFUSED;
        };
    }
}

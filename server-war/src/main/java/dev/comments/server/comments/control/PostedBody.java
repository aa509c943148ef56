package dev.comments.server.comments.control;

import dev.comments.core.comment.CommentLimits;
import dev.comments.server.errors.ApiException;
import dev.comments.server.errors.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a POST body with the size cap enforced while reading: a declared Content-Length
 * over the cap is refused before a byte is read, and a body without one (chunked) or
 * with a lying one is cut off at the cap, so nothing big is ever buffered or parsed.
 */
public final class PostedBody {

    /** The comment file limit: a body that big cannot hold a valid comment in any spelling worth taking. */
    public static final int MAX_BYTES = CommentLimits.MAX_FILE_BYTES;

    private PostedBody() {
    }

    public static byte[] read(String contentLength, InputStream body) {
        if (contentLength != null) {
            long declared;
            try {
                declared = Long.parseLong(contentLength.strip());
            } catch (NumberFormatException e) {
                throw ErrorCode.BAD_REQUEST.exception("Content-Length is not a number");
            }
            if (declared > MAX_BYTES) {
                throw tooLarge();
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = body.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_BYTES) {
                    throw tooLarge();
                }
            }
        } catch (IOException e) {
            throw ErrorCode.BAD_REQUEST.exception("the request body could not be read: " + e.getMessage());
        }
        return out.toByteArray();
    }

    private static ApiException tooLarge() {
        return ErrorCode.TOO_LARGE.exception("a posted comment is at most " + MAX_BYTES + " bytes");
    }
}

package dev.comments.server.comments.boundary;

import dev.comments.server.comments.control.FolderPublisher.Folder;
import java.io.IOException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The answer for a folder ({@code GET /} and {@code GET /{urlHash}}): its JSON bytes as
 * published, with the folder's CID as a strong ETag, a 304 when the asker already holds
 * that CID, and a short {@code Cache-Control}, so that a browser, the reverse proxy or a
 * CDN can answer repeated reads without the server (docs/protocol.md §5).
 */
final class FolderAnswer {

    /**
     * How long a cache may answer without asking us again: a comment posted meanwhile
     * shows up at most this much later to other readers (the poster's own client
     * revalidates after posting); after that a revalidation costs one 304.
     */
    static final String CACHE_CONTROL = "public, max-age=5";

    private FolderAnswer() {
    }

    static Response of(Folder folder, String ifNoneMatch) {
        String etag = etag(folder);
        Response.ResponseBuilder answer = matches(ifNoneMatch, etag) ? Response.notModified()
                : Response.ok(folder.json(), MediaType.APPLICATION_JSON_TYPE);
        return answer.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build();
    }

    /** The same answer written straight to the servlet response; returns its status. */
    static int write(Folder folder, String ifNoneMatch, HttpServletResponse response) throws IOException {
        String etag = etag(folder);
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        if (matches(ifNoneMatch, etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return HttpServletResponse.SC_NOT_MODIFIED;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON);
        response.setContentLength(folder.json().length);
        response.getOutputStream().write(folder.json());
        return HttpServletResponse.SC_OK;
    }

    private static String etag(Folder folder) {
        return "\"" + folder.cid() + "\"";
    }

    /** If-None-Match (RFC 9110 §13.1.2): "*" or a list of entity tags, compared weakly. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        if (ifNoneMatch.trim().equals("*")) {
            return true;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}

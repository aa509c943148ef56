package dev.comments.server.errors;

import dev.comments.core.json.Jsons;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The one error shape of the API: {@code {"error": "<code>", "detail": "<what happened>"}}.
 * Every error response, from our code or from Jersey, is built here, with a code of
 * {@link ErrorCode} (or a comment's rejection code).
 */
final class ApiError {

    private ApiError() {
    }

    static Response.ResponseBuilder builder(int status, String code, String detail) {
        // An error is about this moment: no cache (browser, proxy, CDN) may keep it.
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .entity(Jsons.object().add("error", code).add("detail", detail).build().toString());
    }
}

package dev.comments.server.errors;

import dev.comments.core.json.Jsons;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The one error shape of the API: {@code {"error": "<code>", "detail": "<what happened>"}}.
 * Every error response, from our code or from Jersey, is built here.
 */
public final class ApiError {

    private ApiError() {
    }

    public static Response response(int status, String code, String detail) {
        return builder(status, code, detail).build();
    }

    public static Response.ResponseBuilder builder(int status, String code, String detail) {
        // An error is about this moment: no cache (browser, proxy, CDN) may keep it.
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .entity(Jsons.object().add("error", code).add("detail", detail).build().toString());
    }

    /** The code for a status that Jersey raised by itself (unknown path, wrong method, ...). */
    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "rate-limited";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal" : "error";
        };
    }
}

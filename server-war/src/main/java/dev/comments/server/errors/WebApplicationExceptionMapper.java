package dev.comments.server.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Jersey's own errors (404, 405, 415, ...) become the API's JSON errors; ours pass through. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        if (e instanceof ApiException) {
            return e.getResponse();
        }
        int status = e.getResponse().getStatus();
        String detail = switch (status) {
            case 404 -> "no such resource: the API is GET /, GET /{urlHash}, POST /{urlHash} and GET /health";
            case 405 -> "this method is not allowed here";
            case 415 -> "send the comment as Content-Type: application/json";
            default -> e.getMessage() == null ? "request refused" : e.getMessage();
        };
        Response.ResponseBuilder b = ApiError.builder(status, ApiError.codeFor(status), detail);
        String allow = e.getResponse().getHeaderString("Allow");
        if (allow != null) {
            b.header("Allow", allow);
        }
        return b.build();
    }
}

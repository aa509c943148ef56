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
        ErrorCode code = ErrorCode.forJersey(status);
        String detail = code.message() != null ? code.message() : e.getMessage() == null ? "request refused" : e.getMessage();
        // Jersey's status rather than the code's: REFUSED stands for whatever other status Jersey raised
        Response.ResponseBuilder b = ApiError.builder(status, code.code(), detail);
        String allow = e.getResponse().getHeaderString("Allow");
        if (allow != null) {
            b.header("Allow", allow);
        }
        return b.build();
    }
}

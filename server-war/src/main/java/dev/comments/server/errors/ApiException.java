package dev.comments.server.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** An error the API answers on purpose, with its status, code and detail already decided. */
public class ApiException extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    public ApiException(int status, String code, String detail) {
        super(detail, ApiError.response(status, code, detail));
    }

    public ApiException(Response.ResponseBuilder response, String detail) {
        super(detail, response.build());
    }
}

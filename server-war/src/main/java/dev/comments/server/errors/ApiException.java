package dev.comments.server.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** An error the API answers on purpose ({@link ErrorCode#exception}), with its answer already decided. */
public class ApiException extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    public ApiException(Response.ResponseBuilder response, String detail) {
        super(detail, response.build());
    }
}

package dev.comments.server.errors;

import dev.comments.core.log.EventLog;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;

/** Anything unexpected: logged with an incident id, answered as a JSON 500 without internals. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {


    @Override
    public Response toResponse(Throwable e) {
        String incident = UUID.randomUUID().toString();
        EventLog.failure("unexpected-error", e, "incident", incident);
        return ErrorCode.INTERNAL.response("internal error; incident " + incident + " is in the server log");
    }
}

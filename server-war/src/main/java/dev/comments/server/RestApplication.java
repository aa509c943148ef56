package dev.comments.server;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The comment server's HTTP API (docs/protocol.md §5), served at the root of the context. */
@ApplicationPath("/")
public class RestApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        // Errors must stay JSON: never let Jersey hand a status to the container's HTML error page.
        return Map.of("jersey.config.server.response.setStatusOverSendError", true);
    }
}

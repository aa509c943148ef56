package dev.comments.server.cors;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Headers every answer carries. CORS for any origin (docs/protocol.md §5): the client is a
 * static site on another origin.
 * Preflights are answered before routing, so they work on every path; no credentials
 * are involved, so "*" is the right answer.
 */
@Provider
@PreMatching
public class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** The headers of every answer, also those written before Jersey (SettledFolderFilter). */
    public static final Map<String, String> EVERY_ANSWER = Map.of(
            "Access-Control-Allow-Origin", "*",
            "Access-Control-Expose-Headers", "Location, Retry-After, ETag",
            "X-Content-Type-Options", "nosniff");

    @Override
    public void filter(ContainerRequestContext request) {
        if (HttpMethod.OPTIONS.equals(request.getMethod())
                && request.getHeaderString("Access-Control-Request-Method") != null) {
            request.abortWith(Response.noContent()
                    .header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                    .header("Access-Control-Allow-Headers", "Content-Type, If-None-Match")
                    .header("Access-Control-Max-Age", "86400")
                    .build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        EVERY_ANSWER.forEach(headers::putSingle);
        if (HttpMethod.POST.equals(request.getMethod()) && response.getStatus() >= 400) {
            // A refused POST may not have read its body (rate limit, size, media type);
            // closing the connection spares the container from draining it, and the client
            // from waiting to send what nobody will read.
            headers.putSingle("Connection", "close");
        }
    }
}

package dev.comments.server.comments.boundary;

import dev.comments.core.network.UrlHash;
import dev.comments.server.comments.control.FolderPublisher;
import dev.comments.server.comments.control.FolderPublisher.Folder;
import dev.comments.server.cors.CorsFilter;
import dev.comments.server.metrics.control.ServerMetrics;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.util.Optional;

/**
 * The hot path of the API: {@code GET /} and {@code GET /{urlHash}} of a folder unchanged
 * since it was published are answered here, before Jersey, with the bytes published for
 * it (one stat and one map lookup, {@link FolderPublisher#settledPage}). Everything else,
 * including a folder that needs the store or the daemon, goes on to the resources.
 *
 * <p>Why before Jersey: a profile of the cached read (bench/results, issue 18) showed half
 * of the server's time in Jersey's request processing (routing, a resource instance and
 * its injection per request, request events, filters) for an answer of 81 bytes that was
 * already known. The answer here is the same as the resource's ({@link FolderAnswer}), with
 * the headers every answer carries ({@link CorsFilter#EVERY_ANSWER}) and the same metrics.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SettledFolderFilter extends HttpFilter {

    static final String PAGE_ROUTE = "/{urlHash}";
    static final String ROOT_ROUTE = "/";

    @Inject
    FolderPublisher folders;

    @Inject
    ServerMetrics metrics;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long started = System.nanoTime();
        String route = null;
        Optional<Folder> ready = Optional.empty();
        if ("GET".equals(request.getMethod())) {
            String path = request.getRequestURI();
            if (path.equals(ROOT_ROUTE)) {
                route = ROOT_ROUTE;
                ready = folders.settledTree();
            } else {
                String hex = path.substring(1);
                if (UrlHash.isValid(hex)) {
                    route = PAGE_ROUTE;
                    ready = folders.settledPage(new UrlHash(hex));
                }
            }
        }
        if (ready.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        CorsFilter.EVERY_ANSWER.forEach(response::setHeader);
        int status = FolderAnswer.write(ready.get(), request.getHeader(HttpHeaders.IF_NONE_MATCH), response);
        metrics.request(route, "GET", status, (System.nanoTime() - started) / 1e9);
    }
}

package dev.comments.server.metrics.boundary;

import dev.comments.server.metrics.control.ServerMetrics;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts every answered request by route template ({@code /{urlHash}}, never the hash
 * itself, so that labels stay few), method and status, and times it. Requests that match
 * no resource (404s, CORS preflights answered by the filter) share the route "unmatched".
 */
@Provider
@PreMatching
public class RequestMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Map<Method, String> ROUTES = new ConcurrentHashMap<>();
    private static final String STARTED = RequestMetricsFilter.class.getName() + ".started";

    @Inject
    ServerMetrics metrics;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        double seconds = started instanceof Long t ? (System.nanoTime() - t) / 1e9 : 0;
        metrics.request(route(), request.getMethod(), response.getStatus(), seconds);
    }

    private String route() {
        if (resource == null || resource.getResourceClass() == null || resource.getResourceMethod() == null) {
            return "unmatched";
        }
        // one entry per resource method: a handful, computed once, not per request
        return ROUTES.computeIfAbsent(resource.getResourceMethod(), m -> routeOf(resource.getResourceClass(), m));
    }

    private static String routeOf(Class<?> type, Method method) {
        String path = "/" + trim(pathOf(type)) + "/" + trim(pathOf(method));
        String route = path.replaceAll("/+", "/");
        return route.length() > 1 && route.endsWith("/") ? route.substring(0, route.length() - 1) : route;
    }

    private static String pathOf(AnnotatedElement element) {
        Path path = element.getAnnotation(Path.class);
        return path == null ? "" : path.value();
    }

    private static String trim(String path) {
        return path.replaceAll("^/+|/+$", "");
    }
}

package dev.comments.server.metrics.boundary;

import dev.comments.server.metrics.control.ServerMetrics;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** {@code GET /metrics}: the server's metrics in Prometheus text format (0.0.4). */
@Path("metrics")
public class MetricsResource {

    private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();

    @Inject
    ServerMetrics metrics;

    @GET
    public Response scrape() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        TEXT.write(body, metrics.scrape());
        // Payara's HTTP layer keeps only the charset parameter (text/plain;charset=UTF-8);
        // Prometheus reads text/plain without a version as this format.
        return Response.ok(body.toByteArray(), TEXT.getContentType()).build();
    }
}

package dev.comments.testkit.server;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Many GETs at the least cost to the client: HTTP/1.1 requests pipelined in batches on a few
 * connections at once, so that a test can send a server a few hundred thousand requests on two
 * cores and the server, not the client, does the work. A batch stays below the requests a
 * keep-alive connection may carry (Payara's http max-connections, 250), one connection each.
 * Only what our API answers is read: a status line, headers, a body of Content-Length bytes.
 */
public final class PipelinedGets {

    static final int BATCH = 200;

    private PipelinedGets() {
    }

    /**
     * Sends {@code count} GETs of {@code path.apply(i)} to {@code base}, {@code connections} at a
     * time, from {@code sourceAddress}; returns how many answers had each status.
     */
    public static Map<Integer, Long> send(URI base, String sourceAddress, int connections, int count, IntFunction<String> path)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Map<Integer, Long>>> workers = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                workers.add(threads.submit(() -> {
                    Map<Integer, Long> statuses = new TreeMap<>();
                    for (int first = next.getAndAdd(BATCH); first < count; first = next.getAndAdd(BATCH)) {
                        batch(base, sourceAddress, first, Math.min(count, first + BATCH), path, statuses);
                    }
                    return statuses;
                }));
            }
            Map<Integer, Long> statuses = new TreeMap<>();
            for (Future<Map<Integer, Long>> w : workers) {
                w.get().forEach((status, n) -> statuses.merge(status, n, Long::sum));
            }
            return statuses;
        }
    }

    /** Requests first..end-1 written at once on one new connection, then their answers read. */
    private static void batch(URI base, String sourceAddress, int first, int end, IntFunction<String> path,
            Map<Integer, Long> statuses) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort(), InetAddress.getByName(sourceAddress), 0)) {
            socket.setSoTimeout(60_000);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            String host = base.getHost() + ":" + base.getPort();
            for (int i = first; i < end; i++) {
                out.write(("GET /" + path.apply(i) + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            for (int i = first; i < end; i++) {
                String status = line(in);
                long length = -1;
                for (String header = line(in); !header.isEmpty(); header = line(in)) {
                    if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Long.parseLong(header.substring(15).strip());
                    }
                }
                if (length < 0) {
                    throw new IOException("an answer without Content-Length: " + status);
                }
                in.skipNBytes(length);
                statuses.merge(Integer.parseInt(status.split(" ")[1]), 1L, Long::sum);
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the server closed the connection mid-answer");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}

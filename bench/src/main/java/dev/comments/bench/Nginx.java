package dev.comments.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Debian's nginx as our own process (never the system service): its own config, pid file,
 * logs and temp folders under the run folder, one loopback address and port, files from
 * {@code www/}. Debian's defaults otherwise (worker_processes auto), access log off, as
 * Payara Micro writes none either.
 */
final class Nginx implements AutoCloseable {

    private final Path dir;
    private final String ip;
    private final int port;
    private Procs.Child child;

    Nginx(Path dir, String ip, int port) {
        this.dir = dir;
        this.ip = ip;
        this.port = port;
    }

    Path www() {
        return dir.resolve("www");
    }

    URI base() {
        return URI.create("http://" + ip + ":" + port + "/");
    }

    Nginx start() throws IOException {
        Files.createDirectories(www());
        Files.createDirectories(dir.resolve("tmp"));
        String conf = """
                # written by the bench: a static file server on one loopback port, nothing else
                worker_processes auto;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                    sendfile on;
                    tcp_nopush on;
                    types { application/json json; text/html html; text/javascript js; }
                    default_type application/json;
                    access_log off;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    server {
                        listen %2$s:%3$d;
                        root %1$s/www;
                        location / {
                            add_header Access-Control-Allow-Origin * always;
                        }
                    }
                }
                """.formatted(dir, ip, port);
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        child = Procs.start("nginx", List.of("nginx", "-p", dir.toString(), "-c", confFile.toString()),
                dir, Map.of(), dir.resolve("nginx.out"), Duration.ofSeconds(5));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.alive()) {
                throw new IOException("nginx exited at start: " + Files.readString(dir.resolve("nginx.out"))
                        + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
            }
            try {
                new java.net.Socket(ip, port).close();
                return this;
            } catch (IOException notYet) {
                Procs.sleep(50);
            }
        }
        throw new IOException("nginx did not listen on " + ip + ":" + port + " within 10 s");
    }

    long pid() {
        return child.pid();
    }

    @Override
    public void close() {
        Procs.close(child);
    }

    @Override
    public String toString() {
        return "nginx on " + base();
    }
}

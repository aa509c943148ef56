package dev.comments.testkit.proxy;

import static org.awaitility.Awaitility.await;

import dev.comments.testkit.Processes;
import dev.comments.testkit.Repository;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Caddy in front of a comment server, configured with the very block docs/deploy.md
 * gives operators for the HTTP API (its site name and upstream replaced by loopback addresses,
 * plain HTTP: certificates are not what a test checks). Its admin endpoint is off and its
 * storage is in the test's folder, so that nothing outside it is touched.
 */
public final class Caddy implements AutoCloseable {

    /** The name and the upstream the documented block uses. */
    static final String DOC_SITE = "comments.example.org";
    static final String DOC_UPSTREAM = "127.0.0.1:8000";

    private final Process process;
    private final Processes.ExitGuard guard;
    private final URI url;

    private Caddy(Process process, URI url) {
        this.process = process;
        this.guard = Processes.killOnExit(process, "caddy");
        this.url = url;
    }

    /** Caddy listening on {@code ip:port}, proxying to {@code upstream} (host:port) as docs/deploy.md says. */
    public static Caddy inFrontOf(String upstream, String ip, int port, Path dir) throws IOException {
        Files.createDirectories(dir);
        String site = apiBlock(Files.readString(Repository.root().resolve("docs/deploy.md")))
                .replace(DOC_SITE, "http://" + ip + ":" + port).replace(DOC_UPSTREAM, upstream);
        Path caddyfile = Files.writeString(dir.resolve("Caddyfile"), """
                {
                	admin off
                	auto_https off
                	storage file_system %s
                }

                %s
                """.formatted(dir.resolve("storage"), site));
        ProcessBuilder b = new ProcessBuilder(List.of("caddy", "run", "--config", caddyfile.toString(), "--adapter", "caddyfile"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("caddy.log").toFile());
        b.environment().put("HOME", dir.toString());
        b.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        b.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        Caddy caddy = new Caddy(start(b), URI.create("http://" + ip + ":" + port + "/"));
        try {
            await("Caddy listens on " + ip + ":" + port + " (log: " + dir.resolve("caddy.log") + ")")
                    .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                        if (!caddy.process.isAlive()) {
                            throw new AssertionError("caddy exited with " + caddy.process.exitValue()
                                    + ": " + Files.readString(dir.resolve("caddy.log")));
                        }
                        return listens(ip, port);
                    });
        } catch (RuntimeException | Error e) {
            caddy.close();
            throw e;
        }
        return caddy;
    }

    private static Process start(ProcessBuilder b) throws IOException {
        try {
            return b.start();
        } catch (IOException e) {
            throw new IOException("cannot run caddy (Debian's package; ./dev test installs it): " + e.getMessage(), e);
        }
    }

    /** The site block for the HTTP API in docs/deploy.md's Caddyfile. */
    static String apiBlock(String deployDoc) {
        Matcher fence = Pattern.compile("```caddyfile\\n(.*?)```", Pattern.DOTALL).matcher(deployDoc);
        if (!fence.find()) {
            throw new IllegalStateException("docs/deploy.md has no ```caddyfile block");
        }
        Matcher block = Pattern.compile("(?m)^" + Pattern.quote(DOC_SITE) + " \\{\\n.*?^\\}", Pattern.DOTALL).matcher(fence.group(1));
        if (!block.find()) {
            throw new IllegalStateException("docs/deploy.md's Caddyfile has no block for " + DOC_SITE);
        }
        if (!block.group().contains(DOC_UPSTREAM)) {
            throw new IllegalStateException("docs/deploy.md's block for " + DOC_SITE + " does not proxy to " + DOC_UPSTREAM);
        }
        return block.group();
    }

    private static boolean listens(String ip, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** http://ip:port/ of the proxy. */
    public URI url() {
        return url;
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(10));
        guard.forget();
    }
}

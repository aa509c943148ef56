package dev.comments.server.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import dev.comments.core.config.Setting;
import dev.comments.core.kubo.KuboDaemon;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.comments.core.testing.Processes;
import java.util.concurrent.TimeUnit;

/**
 * The shipped WAR in Payara Micro as a child process, for tests that must kill it
 * (kill -9) and start it again on the same store. Configured by COMMENTS_* variables;
 * bound to one loopback address; stopped by its pid in {@link #close()}, even on failure.
 */
public final class PayaraServer implements AutoCloseable {

    private final Path workDir;
    private final String ip;
    private final int port;
    private final Map<String, String> env;
    private Process process;

    public PayaraServer(Path workDir, String ip, int port, Map<String, String> env) {
        this.workDir = workDir;
        this.ip = ip;
        this.port = port;
        this.env = Map.copyOf(env);
    }

    /**
     * The environment of a test server on {@code ip}, port 8000: its store, its daemon, its
     * address and what it announces, named as {@link Setting} names them.
     */
    public static Map<String, String> env(Path data, KuboDaemon daemon, String ip) {
        Map<String, String> env = new HashMap<>();
        env.put(Setting.DATA_DIR.envName(), data.toString());
        env.put(Setting.IPFS_API.envName(), daemon.api().toString());
        env.put(Setting.HTTP_HOST.envName(), ip);
        env.put(Setting.ANNOUNCE.envName(), "/ip4/" + ip + "/tcp/8000/http");
        return env;
    }

    /** As {@link #env}, with a rate limit no test reaches: for tests that post as fast as they can. */
    public static Map<String, String> envWithoutRateLimit(Path data, KuboDaemon daemon, String ip) {
        Map<String, String> env = env(data, daemon, ip);
        env.put(Setting.RATE_LIMIT_POSTS_PER_MINUTE.envName(), "100000");
        env.put(Setting.RATE_LIMIT_BURST.envName(), "100000");
        return env;
    }

    public URI base() {
        return URI.create("http://" + ip + ":" + port + "/");
    }

    public long pid() {
        return process.pid();
    }

    public PayaraServer start() throws IOException {
        Files.createDirectories(workDir);
        // Payara's runtime folder remembers the last deployment; a restart on it would deploy twice.
        dev.comments.core.testing.Folders.deleteRecursively(workDir.resolve("payara-root"));
        Path preboot = writePreboot(workDir.resolve("preboot.txt"), ip);
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                // as the watcher starts it: single-threaded start-up (docs/adr/002-comment-server.md)
                "-Dorg.glassfish.startupThreadPolicy=USE_NO_THREADS",
                // the store's one-flush group commit calls syncfs natively (docs/adr/008-hot-paths.md)
                "--enable-native-access=ALL-UNNAMED",
                "-jar", microJar().toString(),
                "--deploy", war().toString(), "--contextroot", "/",
                "--port", String.valueOf(port), "--nohazelcast",
                "--rootdir", workDir.resolve("payara-root").toString(),
                "--prebootcommandfile", preboot.toString(),
                "--logproperties", serverWar().resolve("src/main/payara/logging.properties").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("payara.log").toFile()));
        pb.environment().putAll(env);
        process = pb.start();
        return this;
    }

    /** server-war's folder, found from the repository root (system property comments.repo, set by the build). */
    static Path serverWar() {
        String repo = System.getProperty("comments.repo");
        if (repo == null) {
            throw new IllegalStateException("system property comments.repo (the repository root) is not set");
        }
        return Path.of(repo, "server-war");
    }

    /** The WAR that ships, built by server-war's package phase. */
    public static Path war() {
        Path war = serverWar().resolve("target/server-war.war");
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException(war + " is missing: build server-war first (mvn package)");
        }
        return war;
    }

    /** The Payara Micro jar that server-war's build copied from Maven Central. */
    public static Path microJar() {
        try (var jars = Files.newDirectoryStream(serverWar().resolve("target"), "payara-micro-*.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no payara-micro-*.jar in server-war/target: build server-war first");
    }

    /** The preboot commands every server runs with (src/main/payara), bound to one loopback address. */
    public static Path writePreboot(Path file, String ip) throws IOException {
        String common = Files.readString(serverWar().resolve("src/main/payara/preboot-common.txt"));
        Files.writeString(file, String.join("\n",
                "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=" + ip,
                "set configs.config.server-config.network-config.network-listeners.network-listener.https-listener.address=" + ip,
                common));
        return file;
    }

    /**
     * Waits until our application answers (health may still report its daemon down). While
     * Payara is still deploying, the container itself answers 500 or 503, without our JSON.
     */
    public PayaraServer awaitUp(Duration timeout) {
        Api api = new Api(base(), ip);
        try {
            org.awaitility.Awaitility.await("Payara Micro answers at " + base() + " (log: " + workDir.resolve("payara.log") + ")")
                    .atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("Payara Micro exited with " + process.exitValue() + "; see "
                                    + workDir.resolve("payara.log"));
                        }
                        try {
                            return api.get("health").body().contains("\"status\"");
                        } catch (IllegalStateException notListeningYet) {
                            return false;
                        }
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // A boot that stalls leaves its threads as evidence: where it waits is the cause.
            throw new AssertionError(e.getMessage() + "; its threads: " + threadDump(), e);
        }
        return this;
    }

    /** jcmd Thread.print of the running Payara into the work folder; the file, or why there is none. */
    private String threadDump() {
        Path file = workDir.resolve("payara-threads.txt");
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(process.pid()), "Thread.print").redirectErrorStream(true)
                    .redirectOutput(file.toFile()).start();
            return jcmd.waitFor(60, TimeUnit.SECONDS) ? file.toString() : "jcmd did not finish (" + file + ")";
        } catch (IOException e) {
            return "none (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "none (interrupted)";
        }
    }

    /** kill -9: no shutdown hook, no flush, as in a power cut of the process. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(20));
    }
}

package dev.comments.testkit.server;

import dev.comments.launch.ServerLaunch;
import dev.comments.launch.ServerSettings;
import dev.comments.testkit.Folders;
import dev.comments.testkit.Jcmd;
import dev.comments.testkit.Processes;
import dev.comments.testkit.Repository;
import dev.comments.testkit.kubo.KuboDaemon;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The shipped WAR in Payara Micro as a child process, started as {@link ServerLaunch} starts
 * every server, for tests that must kill it (kill -9) and start it again on the same store.
 * Configured by its {@link ServerSettings} (address, store, daemon); stopped by its pid in
 * {@link #close()}, even on failure.
 */
public final class PayaraServer implements AutoCloseable {

    private final Path workDir;
    private final ServerSettings settings;
    private Process process;

    public PayaraServer(Path workDir, ServerSettings settings) {
        this.workDir = workDir;
        this.settings = settings;
    }

    /** The settings of a test server on {@code ip}, port 8000: its store and its daemon. */
    public static ServerSettings settings(Path data, KuboDaemon daemon, String ip) {
        return ServerSettings.of(data).http(ip, 8000).ipfsApi(daemon.api());
    }

    public URI base() {
        return settings.base();
    }

    public long pid() {
        return process.pid();
    }

    public PayaraServer start() throws IOException {
        Files.createDirectories(workDir);
        Folders.deleteRecursively(ServerLaunch.payaraRoot(workDir));
        ProcessBuilder pb = ServerLaunch.server(microJar(), war(), settings.httpHost(), settings.httpPort(), workDir).builder()
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("payara.log").toFile()));
        settings.applyTo(pb);
        process = pb.start();
        return this;
    }

    /** server-war's folder, found from the repository root (system property comments.repo, set by the build). */
    static Path serverWar() {
        return Repository.root().resolve("server-war");
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

    /**
     * Waits until our application answers (health may still report its daemon down). While
     * Payara is still deploying, the container itself answers 500 or 503, without our JSON.
     */
    public PayaraServer awaitUp(Duration timeout) {
        Api api = new Api(base(), settings.httpHost());
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
            Files.writeString(file, Jcmd.run(process.pid(), "Thread.print"));
            return file.toString();
        } catch (IOException e) {
            return "none (" + e.getMessage() + ")";
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

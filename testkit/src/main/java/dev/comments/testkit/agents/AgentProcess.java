package dev.comments.testkit.agents;

import dev.comments.launch.ServerLaunch;
import dev.comments.launch.ServerSettings;
import dev.comments.testkit.Processes;
import dev.comments.testkit.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shipped agent, {@code sync-agent/target/sync-agent.jar}, as a child process started as
 * {@link ServerLaunch} starts it, configured by its {@link ServerSettings}, its output in a log file. Stopped by its pid
 * (SIGTERM, then SIGKILL) in {@link #close()}, and killed if the test JVM exits first.
 */
public final class AgentProcess implements AutoCloseable {

    private final Path log;
    private final ServerSettings settings;
    private Process process;
    private Processes.ExitGuard killOnExit;

    public AgentProcess(Path log, ServerSettings settings) {
        this.log = log;
        this.settings = settings;
    }

    /** The jar the build made (system property sync.agentJar, set by failsafe). */
    public static Path jar() {
        String jar = System.getProperty("sync.agentJar");
        Path path = jar != null ? Path.of(jar) : Repository.root().resolve("sync-agent/target/sync-agent.jar");
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " is missing: build sync-agent first (mvn package)");
        }
        return path;
    }

    public AgentProcess start(String... args) {
        ProcessBuilder pb = ServerLaunch.syncAgent(jar()).withArguments(List.of(args)).builder().redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        settings.applyTo(pb);
        try {
            Files.createDirectories(log.getParent());
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + pb.command(), e);
        }
        killOnExit = Processes.killOnExit(process, "sync-agent");
        return this;
    }

    /** Runs the agent with these arguments to its end; returns its exit code. */
    public int run(String... args) throws InterruptedException {
        start(args);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            close();
            throw new AssertionError("sync-agent " + List.of(args) + " did not exit; see " + log);
        }
        killOnExit.forget();
        return process.exitValue();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    public Path log() {
        return log;
    }

    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, up to 20 s to finish its round, then SIGKILL. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        Processes.stop(process, Duration.ofSeconds(20));
        killOnExit.forget();
    }
}

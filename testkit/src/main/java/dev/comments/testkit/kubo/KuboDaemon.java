package dev.comments.testkit.kubo;

import dev.comments.core.kubo.KuboClient;
import dev.comments.core.kubo.KuboException;
import dev.comments.launch.ServerLaunch;
import dev.comments.testkit.Processes;
import dev.comments.testkit.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real kubo daemon for tests: its repo in a folder the test owns, configured by
 * {@code scripts/kubo-configure} exactly as {@code ./dev up} configures a server's
 * daemon, listening on one loopback address with free ports, its output in
 * {@code target/kubo-logs/}. {@link #close()} stops it by its PID (SIGTERM, then
 * SIGKILL), so use it in try-with-resources and it goes away when the test fails too;
 * a JVM shutdown hook covers a test run that is itself killed.
 *
 * <p>Pick addresses away from the dev network (127.0.0.2–4 with the standard ports may
 * be in use by {@code ./dev up}), such as 127.0.10.x; ports are chosen free on that
 * address, so two test runs on one machine do not collide either.
 *
 * <p>Found through system property {@code comments.repo} (the repository root, set by
 * surefire): the script at {@code scripts/kubo-configure}, kubo at {@code .tools/bin/ipfs}.
 */
public final class KuboDaemon implements AutoCloseable {

    /** How long a daemon may take to answer {@code id} after it was started. */
    public static final Duration START_DEADLINE = Duration.ofSeconds(60);
    /** How long SIGTERM gets before SIGKILL. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final Path repo;
    private final String ip;
    private final int apiPort;
    private final int gatewayPort;
    private final int swarmPort;
    private final int wsPort;
    private final int httpPort;
    private final String peerId;
    private final List<String> bootstrap;
    private final Path log;
    private Process process;
    private Processes.ExitGuard killOnExit;
    private KuboClient client;

    private KuboDaemon(Path repo, String ip, String peerId, int[] ports, List<String> bootstrap, Path log) {
        this.repo = repo;
        this.ip = ip;
        this.peerId = peerId;
        this.bootstrap = List.copyOf(bootstrap);
        this.apiPort = ports[0];
        this.gatewayPort = ports[1];
        this.swarmPort = ports[2];
        this.wsPort = ports[3];
        this.httpPort = ports[4];
        this.log = log;
    }

    /**
     * Configures a repo in {@code folder} for a daemon on {@code ip}, with the given
     * bootstrap peers ({@code /ip4/…/tcp/…/p2p/<PeerID>}, see {@link #swarmAddress()}),
     * starts it and waits until it answers.
     */
    public static KuboDaemon start(Path folder, String ip, String... bootstrap) {
        int[] ports = dev.comments.testkit.FreePorts.on(ip, 5);
        Path repo = folder.resolve("ipfs");
        Path log = logFolder().resolve(ip + "-" + folder.getFileName() + "-" + Instant.now().toEpochMilli() + ".log");
        String peerId = KuboConfigure.run(repo, ip, ports, List.of(bootstrap), log);
        KuboDaemon daemon = new KuboDaemon(repo, ip, peerId, ports, List.of(bootstrap), log);
        daemon.launch();
        return daemon;
    }

    public static Path ipfsBinary() {
        Path ipfs = Repository.root().resolve(".tools/bin/ipfs");
        if (!Files.isExecutable(ipfs)) {
            throw new IllegalStateException("kubo is not installed at " + ipfs + ": run ./dev up (or ./dev test),"
                    + " which builds it once per machine");
        }
        return ipfs;
    }

    /** A client with the default per-call deadline; closed with the daemon. */
    public KuboClient client() {
        return client;
    }

    public String peerId() {
        return peerId;
    }

    public String ip() {
        return ip;
    }

    public URI api() {
        return URI.create("http://" + ip + ":" + apiPort);
    }

    public URI gateway() {
        return URI.create("http://" + ip + ":" + gatewayPort);
    }

    /** The TCP swarm address with the PeerID, the form bootstrap and swarm/connect take. */
    public String swarmAddress() {
        return "/ip4/" + ip + "/tcp/" + swarmPort + "/p2p/" + peerId;
    }

    /** The server HTTP address this daemon appends to what it announces (nothing listens on it in these tests). */
    public String httpAnnounce() {
        return "/ip4/" + ip + "/tcp/" + httpPort + "/http";
    }

    public int swarmPort() {
        return swarmPort;
    }

    public int wsPort() {
        return wsPort;
    }

    /** The daemon's process id (to freeze it with SIGSTOP, say). */
    public long pid() {
        return process.pid();
    }

    public Path repo() {
        return repo;
    }

    public Path log() {
        return log;
    }

    /** Stops the daemon and starts it again on the same repo and ports, waiting until it answers. */
    public void restart() {
        stop();
        launch();
    }

    /**
     * What an operator's daemon looks like after its data folder was lost: stops it, deletes
     * its repo, and starts a new, empty one (a new PeerID) on the same address and ports.
     * Returns the new daemon; this one is finished.
     */
    public KuboDaemon restartEmptied() {
        stop();
        try (var walk = Files.walk(repo)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + repo, e);
        }
        int[] ports = {apiPort, gatewayPort, swarmPort, wsPort, httpPort};
        String newPeerId = KuboConfigure.run(repo, ip, ports, bootstrap, log);
        KuboDaemon fresh = new KuboDaemon(repo, ip, newPeerId, ports, bootstrap, log);
        fresh.launch();
        return fresh;
    }

    /** kill -9 of the daemon's PID (no flush, as in a power cut), then starts it again on the same repo and ports. */
    public void killAndRestart() {
        if (client != null) {
            client.close();
            client = null;
        }
        Process p = process;
        process = null;
        if (p != null) {
            p.destroyForcibly();
            try {
                p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                killOnExit.forget();
            }
        }
        launch();
    }

    /** SIGTERM to the daemon's PID, up to {@link #STOP_GRACE} for it to exit, then SIGKILL. */
    public void stop() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (process == null) {
            return;
        }
        Process p = process;
        process = null;
        Processes.stop(p, STOP_GRACE); // SIGTERM: kubo flushes its datastore and exits
        killOnExit.forget();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "kubo " + peerId + " on " + ip + " (rpc " + apiPort + ", gateway " + gatewayPort + ", log " + log + ")";
    }

    private void launch() {
        ProcessBuilder builder = ServerLaunch.kubo(ipfsBinary(), repo).builder()
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + builder.command(), e);
        }
        Process started = process;
        killOnExit = Processes.killOnExit(started, "kubo");
        client = KuboClient.connect(api(), Duration.ofSeconds(30));
        try {
            awaitAnswer(started);
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    // Polls `id` until it answers; between attempts it waits for the process to exit,
    // so a daemon that dies at start fails the test at once, with its log.
    private void awaitAnswer(Process started) {
        Instant deadline = Instant.now().plus(START_DEADLINE);
        KuboClient quick = client.withTimeout(Duration.ofSeconds(2));
        KuboException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (quick.id().id().equals(peerId)) {
                    return;
                }
                throw new IllegalStateException("another kubo answers at " + api() + "; " + this);
            } catch (KuboException notYet) {
                last = notYet;
            }
            try {
                started.onExit().get(100, TimeUnit.MILLISECONDS);
                throw new IllegalStateException("kubo exited at start with code " + started.exitValue() + "; "
                        + this + "\n" + tail(log));
            } catch (TimeoutException stillRunning) {
                // poll again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting " + this, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("kubo did not answer id within " + START_DEADLINE + "; " + this
                + "\nlast error: " + (last == null ? "none" : last.getMessage()) + "\n" + tail(log));
    }

    // Holds all sockets open until every port is chosen, so the ports differ.
    private static Path logFolder() {
        Path folder = Path.of(System.getProperty("basedir", "."), "target", "kubo-logs");
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }

    static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}

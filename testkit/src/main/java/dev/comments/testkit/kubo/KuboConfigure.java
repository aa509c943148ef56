package dev.comments.testkit.kubo;

import dev.comments.testkit.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code scripts/kubo-configure}, the one place that configures a kubo repo, so that
 * the tests' daemons are configured exactly as {@code ./dev up} configures a server's.
 */
public final class KuboConfigure {

    private KuboConfigure() {
    }

    /**
     * Runs the script for a repo on {@code ip}; {@code ports} are RPC, gateway, swarm TCP,
     * swarm WebSockets and the announced HTTP port. Returns the PeerID it prints; its
     * progress goes to {@code log}.
     */
    public static String run(Path repo, String ip, int[] ports, List<String> bootstrap, Path log) {
        Path script = Repository.root().resolve("scripts/kubo-configure");
        List<String> command = new ArrayList<>(List.of(script.toString(),
                "--ipfs", KuboDaemon.ipfsBinary().toString(),
                "--repo", repo.toString(),
                "--ip", ip,
                "--api-port", String.valueOf(ports[0]),
                "--gateway-port", String.valueOf(ports[1]),
                "--swarm-port", String.valueOf(ports[2]),
                "--ws-port", String.valueOf(ports[3]),
                "--http-announce", "/ip4/" + ip + "/tcp/" + ports[4] + "/http"));
        for (String peer : bootstrap) {
            command.add("--bootstrap");
            command.add(peer);
        }
        try {
            Files.createDirectories(repo.getParent());
            // stdout to a file, not a pipe: a script that hangs must not hang the read
            Path out = repo.resolveSibling("kubo-configure.out");
            Process p = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("kubo-configure did not finish within 60 s; see " + log);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("kubo-configure exited with " + p.exitValue() + ": " + command
                        + "\n" + KuboDaemon.tail(log));
            }
            return Files.readString(out, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring " + repo, e);
        }
    }
}

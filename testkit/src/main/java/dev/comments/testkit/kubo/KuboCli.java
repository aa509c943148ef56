package dev.comments.testkit.kubo;

import dev.comments.core.cid.Cid;
import dev.comments.testkit.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * kubo's own command line against a running test daemon: the reference our DAG encoder
 * is held to. {@code ipfs add} from the command line streams files and reads the
 * daemon's answer at once, as a user's add would (no request-body deadlock at any size).
 */
public final class KuboCli {

    private static final Duration DEADLINE = Duration.ofMinutes(10);

    private KuboCli() {
    }

    /**
     * {@code ipfs add -r --cid-version=1 --raw-leaves} of a folder through the daemon;
     * returns the CID of every folder under it (the top one included), by path relative
     * to the folder's parent (so the top one is its own name).
     */
    public static Map<String, Cid> addRecursive(KuboDaemon daemon, Path folder) {
        return parse(run(daemon.repo(), folder.resolveSibling(folder.getFileName() + ".add.out"), "add", "-r",
                "--cid-version=1", "--raw-leaves", "--progress=false", folder.toString()));
    }

    /**
     * The same with {@code --only-hash}, through the daemon: kubo builds the whole DAG
     * exactly as it would store it, and stores nothing (fast enough for 100,000 files).
     */
    public static Map<String, Cid> hashRecursive(KuboDaemon daemon, Path folder) {
        return parse(run(daemon.repo(), folder.resolveSibling(folder.getFileName() + ".hash.out"), "add", "-r",
                "--only-hash", "--cid-version=1", "--raw-leaves", "--progress=false", folder.toString()));
    }

    /** {@code ipfs config KEY VALUE} through the running daemon, which takes it at once. */
    public static void config(KuboDaemon daemon, String key, String value) {
        run(daemon.repo(), daemon.repo().resolveSibling("config-" + key + ".out"), "config", key, value);
    }

    /**
     * {@code ipfs add -r --only-hash} in a repo made by a plain {@code ipfs init} (kubo's
     * defaults, no profile), run in-process by the command line with no daemon.
     */
    public static Map<String, Cid> hashRecursiveWithKuboDefaults(Path scratch, Path folder) {
        Path repo = scratch.resolve("default-repo");
        run(repo, scratch.resolve("init.out"), "init", "--empty-repo");
        return parse(run(repo, scratch.resolve("default-add.out"), "add", "-r", "--only-hash", "--offline",
                "--cid-version=1", "--raw-leaves", "--progress=false", folder.toString()));
    }

    /** True when the daemon holds the block itself: {@code ipfs block stat --offline} asks no peer. */
    public static boolean hasLocally(KuboDaemon daemon, Cid cid) {
        try {
            run(daemon.repo(), daemon.repo().resolveSibling("block-stat.out"), "block", "stat", "--offline", cid.text());
            return true;
        } catch (IllegalStateException notHere) {
            return false;
        }
    }

    private static Path run(Path ipfsPath, Path out, String... args) {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(KuboDaemon.ipfsBinary().toString());
        command.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("IPFS_PATH", ipfsPath.toString());
        Process process = null;
        try {
            process = builder.start();
            if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(command + " took longer than " + DEADLINE);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + Files.readString(out));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            Processes.stop(process, Duration.ofSeconds(5));
        }
    }

    // Lines are "added <cid> <path>"; files are listed too and kept, they are harmless.
    private static Map<String, Cid> parse(Path out) {
        Map<String, Cid> cids = new HashMap<>();
        try (var lines = Files.lines(out, StandardCharsets.UTF_8)) {
            lines.filter(l -> l.startsWith("added ")).forEach(l -> {
                String[] parts = l.split(" ", 3);
                cids.put(parts[2], Cid.parse(parts[1]));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cids;
    }
}

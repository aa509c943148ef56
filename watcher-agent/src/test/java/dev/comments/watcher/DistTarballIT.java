package dev.comments.watcher;

import dev.comments.launch.ServerLaunch;
import dev.comments.launch.Setting;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.testkit.ListeningSockets;
import dev.comments.testkit.Logfmt;
import dev.comments.testkit.server.Api;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The VPS tarball of {@code scripts/dist}: unpacked into a folder outside the repository, it
 * starts a working server under the watcher, listening on its loopback address only, whose
 * every log line is one record of one format, and stops cleanly on SIGTERM; its systemd unit
 * passes {@code systemd-analyze verify} and {@code systemd-analyze security} (exposure 2.0 at most).
 */
class DistTarballIT {

    private static final String IP = "127.0.91.1";
    private static final Path DIR = Path.of("target/it-data/dist").toAbsolutePath();
    private static Path unpacked;

    @BeforeAll
    static void buildAndUnpack() throws Exception {
        dev.comments.testkit.Folders.deleteRecursively(DIR);
        Files.createDirectories(DIR);
        Path repo = Path.of(System.getProperty("comments.repo"));
        String tarball = run(DIR, List.of(repo.resolve("scripts/dist").toString(), "--out", DIR.resolve("out").toString())).strip();
        assertTrue(tarball.matches(".*/comments-server-[^/]+\\.tar\\.gz"), tarball);
        run(DIR, List.of("tar", "-xzf", tarball, "-C", DIR.toString()));
        try (Stream<Path> dirs = Files.list(DIR)) {
            unpacked = dirs.filter(p -> p.getFileName().toString().startsWith("comments-server-")).findFirst().orElseThrow();
        }
    }

    @Test
    void theTarballHoldsEverythingTheWatcherNeeds() {
        for (String f : List.of("watcher-agent.jar", "server-war.war", "payara-micro.jar", "ipfs", "kubo-configure",
                "server.properties", "comments-server.service", "docs/deploy.md", "takedown-tool.jar")) {
            assertTrue(Files.isRegularFile(unpacked.resolve(f)), f + " is in the tarball");
        }
        assertTrue(Files.isExecutable(unpacked.resolve("ipfs")));
    }

    @Test
    void theTarballsTakedownCommandRunsWithTheServersSettings() throws Exception {
        Path data = DIR.resolve("takedown-data");
        dev.comments.testkit.ToolJar.Run run = dev.comments.testkit.ToolJar.run(unpacked.resolve("takedown-tool.jar"),
                dev.comments.launch.ServerSettings.of(data), java.time.Duration.ofMinutes(1),
                "withhold", "page", "ab".repeat(32), "a notice");
        assertEquals(0, run.exit(), run.out());
        assertTrue(Files.readString(data.resolve("withheld/own.list")).contains("page " + "ab".repeat(32) + " a notice"),
                run.out());
    }

    @Test
    void theSystemdUnitVerifies() throws Exception {
        run(DIR, List.of("systemd-analyze", "verify", unpacked.resolve("comments-server.service").toString()));
        // exposure at most 2.0 of 10 (the unit before its system-call filter, UMask, ProtectProc and limits scored 3.4)
        run(DIR, List.of("systemd-analyze", "security", "--offline=yes", "--threshold=20",
                unpacked.resolve("comments-server.service").toString()));
        String execStart = Files.readAllLines(unpacked.resolve("comments-server.service")).stream()
                .filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
        assertTrue(List.of(execStart.split(" ")).containsAll(ServerLaunch.watcherJvmOptions()),
                "the unit starts the watcher as ServerLaunch does: " + execStart);
    }

    @Test
    void theUnpackedServerStartsUnderTheWatcherAndStopsCleanlyOnSigterm() throws Exception {
        Path data = DIR.resolve("data");
        run(DIR, List.of(unpacked.resolve("kubo-configure").toString(), "--ipfs", unpacked.resolve("ipfs").toString(),
                "--repo", data.resolve("ipfs").toString(), "--ip", IP, "--api-port", "5001", "--gateway-port", "8080",
                "--swarm-port", "4001", "--ws-port", "4002", "--http-announce", "/ip4/" + IP + "/tcp/8000/http"));
        // The shipped defaults, with this test's folder and loopback address.
        String props = Files.readString(unpacked.resolve("server.properties"))
                .replace("data.dir=/var/lib/comments", "data.dir=" + data)
                .replace("http.host=127.0.0.1", "http.host=" + IP)
                .replace("ipfs.api=http://127.0.0.1:5001", "ipfs.api=http://" + IP + ":5001")
                .replace("announce=/dns4/comments.example.org/tcp/443/tls/http", "announce=/ip4/" + IP + "/tcp/8000/http");
        Path config = Files.writeString(DIR.resolve("server.properties"), props);

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", unpacked.resolve("watcher-agent.jar").toString())
                .directory(DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(DIR.resolve("watcher.log").toFile());
        Setting.clearFrom(pb.environment());
        pb.environment().put(Setting.CONFIG_FILE_ENV, config.toString());
        Process watcher = pb.start();
        List<ProcessHandle> children = List.of();
        try {
            Api api = new Api(URI.create("http://" + IP + ":8000/"), IP);
            await("the unpacked server is healthy").atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> healthy(api, watcher));
            int asked = api.get("health").json().getInt("stampMinBits");
            assertEquals(Integer.parseInt(shipped(props, Setting.STAMP_MIN_BITS)), asked, "the shipped stamp minimum is in force");
            assertTrue(asked > 0, "a server installed from the tarball asks for stamps (docs/deploy.md, section 4)");
            children = watcher.descendants().toList();
            assertTrue(children.size() >= 2, "kubo and Payara run under the watcher: " + children);
            // The shipped server starts as the one launch definition says (docs/adr/009).
            List<String> payara = children.stream().map(p -> p.info().arguments().map(List::of).orElse(List.of()))
                    .filter(a -> a.contains("--deploy")).findFirst().orElseThrow();
            assertTrue(payara.containsAll(ServerLaunch.serverJvmOptions()), "the server's JVM options: " + payara);
            Path logs = data.resolve("logs");
            await("a sync round is logged").atMost(Duration.ofSeconds(120))
                    .until(() -> Files.isRegularFile(logs.resolve("sync-agent.log"))
                            && Files.readString(logs.resolve("sync-agent.log")).contains("event=sync-round"));

            // Loopback only: nothing of the server listens beyond its own address.
            List<ListeningSockets.Socket> listening = new java.util.ArrayList<>();
            for (ProcessHandle p : watcher.descendants().toList()) {
                for (ListeningSockets.Socket socket : ListeningSockets.of(p.pid())) {
                    assertEquals(IP, socket.address().getHostAddress().replace("::ffff:", ""),
                            p.info().command().orElse("?") + " listens on " + socket);
                    listening.add(socket);
                }
            }
            assertTrue(listening.size() >= 5, "kubo's API, gateway, TCP and WebSockets, and the HTTP API: " + listening);

            watcher.destroy(); // SIGTERM, as systemd stops it
            assertTrue(watcher.waitFor(90, TimeUnit.SECONDS), "the watcher exits after SIGTERM");
            for (ProcessHandle child : children) {
                assertTrue(child.onExit().toCompletableFuture().isDone() || !child.isAlive(), "child " + child.pid() + " stopped");
            }
            // Also what started after the snapshot (the sync agent starts once the server is healthy):
            // nothing at all may still run from the unpacked folder.
            String home = unpacked.toString();
            List<String> left = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().map(c -> c.contains(home)).orElse(false))
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
            assertTrue(left.isEmpty(), "no orphan after the watcher stopped: " + left);
            assertFalse(Files.readString(DIR.resolve("watcher.log"), StandardCharsets.UTF_8).contains("Exception in thread"),
                    "no crash in the watcher's log");
            assertEveryLogLineIsOneRecord(DIR.resolve("watcher.log"), data.resolve("logs"));
        } finally {
            watcher.destroyForcibly();
            watcher.waitFor(30, TimeUnit.SECONDS);
            for (ProcessHandle child : children) {
                child.destroyForcibly();
            }
        }
    }

    /**
     * What an operator reads: every line of the watcher's log and of each child's log is one
     * record of the one format (time, level, proc, then pairs), whatever the child printed:
     * kubo's start-up text, Payara's records with their stack traces, our own events.
     */
    private static void assertEveryLogLineIsOneRecord(Path watcherLog, Path logs) throws IOException {
        Map<String, List<Map<String, String>>> records = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : Stream.concat(Stream.of(watcherLog), files).toList()) {
                List<Map<String, String>> parsed = new java.util.ArrayList<>();
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    Map<String, String> r;
                    try {
                        r = Logfmt.parse(line);
                    } catch (IllegalArgumentException e) {
                        throw new AssertionError(log + " has a line that is not one record: " + e.getMessage(), e);
                    }
                    assertEquals(List.of("time", "level", "proc"), r.keySet().stream().limit(3).toList(), log + ": " + line);
                    java.time.Instant.parse(r.get("time"));
                    assertTrue(Set.of("debug", "info", "warn", "error").contains(r.get("level")), log + ": " + line);
                    parsed.add(r);
                }
                records.put(log.getFileName().toString(), parsed);
            }
        }
        assertTrue(has(records.get("watcher.log"), "proc", "watcher", "event", "child-ready"), "the watcher's own events");
        assertTrue(has(records.get("kubo.log"), "proc", "kubo", "msg", "Daemon is ready"), "kubo's start-up text, as records");
        assertTrue(has(records.get("payara.log"), "proc", "server", "logger", "PayaraMicro"), "Payara's own records");
        assertTrue(has(records.get("payara.log"), "proc", "server", "event", "config"), "the server's events, as fields");
        assertTrue(has(records.get("sync-agent.log"), "proc", "sync", "event", "sync-round"), "the sync agent's rounds");
    }

    private static boolean has(List<Map<String, String>> records, String k1, String v1, String k2, String v2) {
        return records != null && records.stream().anyMatch(r -> v1.equals(r.get(k1)) && v2.equals(r.get(k2)));
    }

    private static boolean healthy(Api api, Process watcher) {
        if (!watcher.isAlive()) {
            throw new AssertionError("the watcher exited with " + watcher.exitValue() + "; see " + DIR.resolve("watcher.log"));
        }
        try {
            return api.get("health").status() == 200;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), command + " finished");
            assertEquals(0, p.exitValue(), command + " failed: " + out);
            return out.lines().reduce((a, b) -> b).orElse("");
        } finally {
            p.destroyForcibly();
        }
    }

    /** A setting's value as the shipped server.properties writes it (not commented out). */
    private static String shipped(String properties, Setting setting) {
        return properties.lines().filter(l -> l.startsWith(setting.key() + "=")).map(l -> l.substring(setting.key().length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError(setting.key() + " is not in the shipped server.properties"));
    }
}

package dev.comments.watcher;

import dev.comments.launch.Setting;
import static dev.comments.testkit.data.TestComments.PAGE;
import static dev.comments.testkit.data.TestComments.SIGNER;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.config.Config;
import dev.comments.testkit.kubo.KuboConfigure;
import dev.comments.testkit.Folders;
import dev.comments.testkit.server.Api;
import dev.comments.testkit.server.Api.Reply;
import dev.comments.testkit.server.PayaraServer;
import dev.comments.testkit.server.PrometheusText;
import dev.comments.watcher.config.DefaultChildren;
import dev.comments.watcher.config.Policy;
import dev.comments.watcher.config.WatcherConfig;
import dev.comments.core.reports.ChildStatus;
import dev.comments.watcher.testing.Watching;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A whole server (kubo, then Payara Micro with the WAR) under the watcher, and everything done to it. */
class WatchedServerIT {

    private static final Duration RECOVERY = Duration.ofSeconds(180);
    /** Quick checks and short backoff, so that a test sees several restarts in a minute. */
    private static final Policy FAST = new Policy(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(4),
            Duration.ofSeconds(20), 10, Duration.ofMinutes(10), Duration.ofMinutes(10));

    @Test
    void killMinus9OfEachChildBringsItBackAndLeavesTheOtherAlone() throws Exception {
        Server s = Server.prepare("kill-each", "127.0.50.1");
        try (Watching w = new Watching(s.config(FAST))) {
            s.awaitHealthy(w);
            ChildStatus kubo = w.child("kubo");
            ChildStatus server = w.child("server");

            kill9(kubo.pid());
            await("kubo is back").atMost(RECOVERY).until(() -> running(w, "kubo") && w.child("kubo").starts() == 2);
            assertEquals(server.pid(), w.child("server").pid(), "the server was not restarted for its daemon");
            assertEquals(1, w.child("server").starts());
            await("the server recovers on its own").atMost(RECOVERY).until(() -> s.api.get("health").status() == 200);

            ChildStatus kuboNow = w.child("kubo");
            kill9(server.pid());
            await("the server is back").atMost(RECOVERY)
                    .until(() -> running(w, "server") && w.child("server").starts() == 2);
            assertEquals(kuboNow.pid(), w.child("kubo").pid(), "kubo was not restarted for the server");
            assertTrue(w.child("server").lastReason().contains("signal 9"), w.child("server").lastReason());
            await("health is 200 again").atMost(RECOVERY).until(() -> s.api.get("health").status() == 200);

            await("the sync agent runs").atMost(RECOVERY).until(() -> running(w, "sync"));
            long kuboPid = w.child("kubo").pid();
            long serverPid = w.child("server").pid();
            java.time.Instant killed = java.time.Instant.now();
            kill9(w.child("sync").pid());
            await("the sync agent is back").atMost(RECOVERY).until(() -> running(w, "sync") && w.child("sync").starts() == 2);
            Path heartbeat = s.dir.resolve("data/sync-agent.heartbeat");
            await("a sync round runs again").atMost(RECOVERY).until(() -> Files.exists(heartbeat)
                    && Files.getLastModifiedTime(heartbeat).toInstant().isAfter(killed));
            assertEquals(kuboPid, w.child("kubo").pid(), "kubo was not restarted for the sync agent");
            assertEquals(serverPid, w.child("server").pid(), "the server was not restarted for the sync agent");

            // An operator sees the same in the server's /metrics: each child's restarts, the last round.
            await("/metrics shows the sync agent's restart and a round of the new agent").atMost(RECOVERY).until(() -> {
                PrometheusText m = PrometheusText.parse(s.api.get("metrics").body());
                return m.value("comments_watcher_child_restarts_total", Map.of("child", "sync")).orElse(0.0) == 1.0
                        && m.value("comments_sync_rounds_total", Map.of()).isPresent();
            });
            PrometheusText m = PrometheusText.parse(s.api.get("metrics").body());
            for (String child : List.of("kubo", "server", "sync")) {
                assertEquals(1.0, m.value("comments_watcher_child_restarts_total", Map.of("child", child)).orElseThrow(), child);
                assertEquals(1.0, m.value("comments_watcher_child_running", Map.of("child", child)).orElseThrow(), child);
                assertTrue(m.value("comments_watcher_child_resident_bytes", Map.of("child", child)).orElseThrow() > 0, child);
            }
            assertEquals(1.0, m.value("comments_sync_last_round_daemon_up", Map.of()).orElseThrow(),
                    "the new agent's rounds reach the daemon");
        }
    }

    @Test
    void aFrozenDaemonIsFoundHungAndRestartedAndTheServerAnswersTheSameCid() throws Exception {
        Server s = Server.prepare("frozen", "127.0.50.2");
        try (Watching w = new Watching(s.config(FAST))) {
            s.awaitHealthy(w);
            for (int i = 0; i < 3; i++) {
                assertEquals(201, s.api.post(PAGE, SIGNER.sign(PAGE, null, "Ada", "frozen " + i, i).fileBytes()).status());
            }
            String cid = s.api.get(PAGE).json().getString("cid");
            long frozen = w.child("kubo").pid();

            new ProcessBuilder("kill", "-STOP", String.valueOf(frozen)).start().waitFor();
            await("the frozen daemon is replaced").atMost(RECOVERY)
                    .until(() -> running(w, "kubo") && w.child("kubo").starts() == 2);
            assertTrue(w.child("kubo").lastReason().startsWith("hung:"), w.child("kubo").lastReason());
            assertFalse(ProcessHandle.of(frozen).map(ProcessHandle::isAlive).orElse(false), "the frozen one is gone");
            await("GET works again").atMost(RECOVERY).until(() -> s.api.get(PAGE).status() == 200);
            assertEquals(cid, s.api.get(PAGE).json().getString("cid"));
        }
    }

    @Test
    void everyAcknowledgedPostIsServedAfterTheDaemonAndTheServerWereKilled() throws Exception {
        Server s = Server.prepare("nothing-lost", "127.0.50.3");
        try (Watching w = new Watching(s.config(FAST))) {
            s.awaitHealthy(w);
            List<String> acknowledged = new CopyOnWriteArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            Thread poster = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    try {
                        Reply r = s.api.post(PAGE, SIGNER.sign(PAGE, null, "Stream", "while killing " + i, i).fileBytes());
                        if (r.status() == 201) {
                            acknowledged.add(r.json().getString("id"));
                        }
                    } catch (IllegalStateException serverDown) {
                        // the server is being restarted: keep trying
                    }
                }
            });
            poster.start();
            try {
                await().atMost(RECOVERY).until(() -> acknowledged.size() >= 10);
                kill9(w.child("kubo").pid());
                int beforeServerKill = acknowledged.size();
                await().atMost(RECOVERY).until(() -> acknowledged.size() >= beforeServerKill + 10);
                long server = w.child("server").pid();
                kill9(server);
                await("posting works again").atMost(RECOVERY)
                        .until(() -> w.child("server").starts() == 2 && acknowledged.size() >= beforeServerKill + 20);
            } finally {
                stop.set(true);
                poster.join(60_000);
            }
            await("the page is served").atMost(RECOVERY).until(() -> s.api.get(PAGE).status() == 200);
            for (String id : acknowledged) {
                assertEquals(200, s.api.get(PAGE + "/" + id).status(), "acknowledged " + id);
            }
            assertTrue(s.api.get(PAGE).json().getInt("count") >= acknowledged.size());
        }
    }

    @Test
    void aWatcherKilledWithMinus9IsReplacedByExactlyOneSetOfChildrenAndSigtermStopsThemAll() throws Exception {
        Server s = Server.prepare("watcher-kill", "127.0.50.4");
        Process first = s.watcherProcess("first");
        Process second = null;
        try {
            JsonObject before = await("the first watcher runs both children").atMost(RECOVERY)
                    .until(() -> s.status(), st -> st != null && allRunning(st));
            List<Long> oldPids = pids(before);

            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9: its children live on
            for (long pid : oldPids) {
                assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "child " + pid + " outlives it");
            }

            second = s.watcherProcess("second");
            Process secondWatcher = second;
            JsonObject after = await("the second watcher runs its own children").atMost(RECOVERY)
                    .until(() -> s.status(), st -> st != null && allRunning(st)
                            && st.getJsonNumber("watcherPid").longValue() == secondWatcher.pid());
            for (long pid : oldPids) {
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the leftover " + pid + " was stopped");
            }
            assertEquals(1, s.daemonsOnRepo(), "never two daemons on one data folder");
            assertNotEquals(oldPids, pids(after));
            await("the server answers").atMost(RECOVERY).until(() -> s.api.get("health").status() == 200);

            List<Long> children = pids(after);
            second.destroy(); // SIGTERM
            assertTrue(second.waitFor(90, TimeUnit.SECONDS));
            assertEquals(0, second.exitValue(), "a clean stop");
            for (long pid : children) {
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "no orphan " + pid);
            }
            String log = Files.readString(s.dir.resolve("watcher-second.log"));
            assertTrue(log.indexOf("event=child-stopping child=server") < log.indexOf("event=child-stopping child=kubo"),
                    "the server stops before its daemon");
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroyForcibly();
            }
            s.stopLeftovers();
        }
    }

    // --- the server under test ----------------------------------------------------------------------

    /** A server's settings, its configured kubo repo, and a client for its API. */
    private record Server(Path dir, String ip, Path settings, Api api) {

        static Server prepare(String name, String ip) throws Exception {
            Path dir = Path.of("target/it-data", name).toAbsolutePath();
            Folders.deleteRecursively(dir);
            Path data = Files.createDirectories(dir.resolve("data"));
            KuboConfigure.run(data.resolve("ipfs"), ip, new int[] {5001, 8080, 4001, 4002, 8000}, List.of(),
                    dir.resolve("kubo-configure.log"));
            Path settings = dir.resolve("server.properties");
            Files.writeString(settings, String.join("\n",
                    "data.dir=" + data,
                    "http.host=" + ip,
                    "http.port=8000",
                    "ipfs.api=http://" + ip + ":5001",
                    "announce=/ip4/" + ip + "/tcp/8000/http",
                    "ratelimit.posts.per.minute=1000000",
                    "ratelimit.burst=1000000",
                    "watcher.ipfs=" + Path.of(System.getProperty("comments.repo"), ".tools/bin/ipfs"),
                    "watcher.payara.jar=" + PayaraServer.microJar(),
                    "watcher.war=" + PayaraServer.war(),
                    "watcher.sync.jar=" + Path.of(System.getProperty("comments.repo"), "sync-agent/target/sync-agent.jar"),
                    "sync.interval.ms=2000", ""));
            return new Server(dir, ip, settings, new Api(URI.create("http://" + ip + ":8000/"), ip));
        }

        WatcherConfig config(Policy policy) throws IOException {
            WatcherConfig defaults = DefaultChildren.from(Config.load(settings, Map.of()), dir);
            return new WatcherConfig(defaults.runDir(), policy, defaults.children());
        }

        void awaitHealthy(Watching w) {
            await("kubo and the server run").atMost(RECOVERY).until(() -> running(w, "kubo") && running(w, "server"));
            await("the server is healthy").atMost(RECOVERY).until(() -> api.get("health").status() == 200);
        }

        /** The real thing: java -jar watcher-agent.jar with the server's settings and nothing else. */
        Process watcherProcess(String name) throws IOException {
            Path jar = Path.of("target/watcher-agent.jar").toAbsolutePath();
            ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("watcher-" + name + ".log").toFile());
            Map<String, String> env = b.environment();
            Setting.clearFrom(env);
            env.put(Setting.CONFIG_FILE_ENV, settings.toString());
            return b.start();
        }

        JsonObject status() {
            try {
                return Json.createReader(new StringReader(Files.readString(dir.resolve("data/watcher/status.json")))).readObject();
            } catch (IOException | RuntimeException notYet) {
                return null;
            }
        }

        /** kubo processes whose IPFS_PATH is this server's repo, found in /proc. */
        long daemonsOnRepo() throws IOException {
            String repo = "IPFS_PATH=" + dir.resolve("data/ipfs");
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                    try {
                        String environ = Files.readString(p.resolve("environ")).replace('\0', '\n');
                        String cmdline = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                        return cmdline.contains("ipfs daemon") && environ.lines().anyMatch(repo::equals);
                    } catch (IOException | RuntimeException gone) {
                        return false;
                    }
                }).count();
            }
        }

        /** After a failed test: stop whatever the pid files still name. */
        void stopLeftovers() throws IOException {
            WatcherConfig c = config(FAST);
            new dev.comments.watcher.supervise.Supervisor(c).stopLeftovers();
        }
    }

    private static boolean running(Watching w, String child) {
        return w.child(child).state().equals("RUNNING");
    }

    private static boolean allRunning(JsonObject status) {
        return status.getJsonArray("children").getValuesAs(JsonObject.class).stream()
                .allMatch(c -> c.getString("state").equals("RUNNING"));
    }

    private static List<Long> pids(JsonObject status) {
        List<Long> pids = new ArrayList<>();
        for (JsonObject c : status.getJsonArray("children").getValuesAs(JsonObject.class)) {
            pids.add(c.getJsonNumber("pid").longValue());
        }
        return pids;
    }

    private static void kill9(long pid) throws Exception {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
}

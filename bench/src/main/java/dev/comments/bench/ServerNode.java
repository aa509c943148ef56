package dev.comments.bench;

import dev.comments.launch.Setting;
import dev.comments.launch.ServerSettings;
import dev.comments.testkit.kubo.KuboDaemon;
import dev.comments.testkit.server.Api;
import dev.comments.testkit.server.PayaraServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One comment server as the tests run it: a kubo daemon configured by scripts/kubo-configure
 * on one loopback address (free ports), and the shipped WAR on Payara Micro on the port the
 * daemon announces, with a rate limit high enough not to be what is measured.
 */
final class ServerNode implements AutoCloseable {

    final String name;
    final String ip;
    final Path dir;
    final KuboDaemon kubo;
    final int httpPort;
    final ServerSettings settings;
    private PayaraServer payara;
    private Api api;

    private ServerNode(String name, String ip, Path dir, KuboDaemon kubo, String networkIdHex) {
        this.name = name;
        this.ip = ip;
        this.dir = dir;
        this.kubo = kubo;
        String announce = kubo.httpAnnounce();
        this.httpPort = Integer.parseInt(announce.split("/")[4]);
        this.settings = ServerSettings.of(data()).http(ip, httpPort).ipfsApi(kubo.api()).with(Setting.ANNOUNCE, announce)
                .with(Setting.NETWORK_ID, networkIdHex).withoutRateLimit();
    }

    /** Starts the daemon only; {@link #startServer} starts Payara Micro later. */
    static ServerNode startDaemon(String name, String ip, Path dir, String networkIdHex, String... bootstrap) {
        KuboDaemon kubo = Procs.own(KuboDaemon.start(dir.resolve("kubo"), ip, bootstrap));
        return Procs.own(new ServerNode(name, ip, dir, kubo, networkIdHex));
    }

    Path data() {
        return dir.resolve("data");
    }

    ServerNode startServer() throws IOException {
        payara = new PayaraServer(dir.resolve("payara"), settings).start();
        return this;
    }

    ServerNode awaitServer() {
        payara.awaitUp(Duration.ofSeconds(180));
        api = new Api(base(), ip);
        return this;
    }

    URI base() {
        return URI.create("http://" + ip + ":" + httpPort + "/");
    }

    Api api() {
        return api;
    }

    /** The API with the bench's long deadline, from this server's own address. */
    Http http() {
        return new Http(base(), ip);
    }

    /** GET / once the server has published its store (it answers 503 rebuilding until then), within 10 minutes. */
    Http.Reply awaitRoot() throws IOException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            Http.Reply root = http().get("");
            if (root.status() == 200 || System.nanoTime() > deadline) {
                return root;
            }
            Procs.sleep(100);
        }
    }

    long payaraPid() {
        return payara.pid();
    }

    long kuboPid() {
        // KuboDaemon keeps its Process private; find it among our own children by its repo.
        return ProcessHandle.current().descendants()
                .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains("daemon")).orElse(false))
                .filter(h -> h.info().command().map(c -> c.endsWith("ipfs")).orElse(false))
                .filter(h -> environOf(h).contains(kubo.repo().toString()))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }

    private static String environOf(ProcessHandle h) {
        try {
            return new String(java.nio.file.Files.readAllBytes(Path.of("/proc", String.valueOf(h.pid()), "environ")));
        } catch (IOException e) {
            return "";
        }
    }

    void stopServer() {
        if (payara != null) {
            payara.close();
            payara = null;
        }
    }

    @Override
    public void close() {
        stopServer();
        Procs.close(kubo);
    }

    @Override
    public String toString() {
        return name + " " + base();
    }
}

package dev.comments.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one definition of how a server's processes start: kubo, the comment server (the WAR on
 * Payara Micro, with its preboot commands and logging), the sync agent and the watcher that
 * runs them. The watcher (DefaultChildren), the tarball (which ships the watcher), {@code ./dev up}
 * (which runs watchers) and every test (the testkit) take their command lines from here, so a
 * JVM flag of the server is one edit in this file (docs/adr/009-one-launch-one-testkit.md).
 */
public final class ServerLaunch {

    /**
     * JVM options of every comment server. Single-threaded start-up: Payara's parallel one can
     * deadlock in HK2 (ADR 002, "Start-up"). Native access: the store's group commit flushes with
     * one syncfs, a native call (ADR 008). Exit on OutOfMemoryError: a JVM out of heap can limp on
     * with threads dead; exiting lets the watcher restart it at once.
     */
    static final List<String> SERVER_JVM = List.of("-Xmx512m", "-Dorg.glassfish.startupThreadPolicy=USE_NO_THREADS",
            "--enable-native-access=ALL-UNNAMED", "-XX:+ExitOnOutOfMemoryError");
    /** The agents' jars allow native access in their manifests. */
    static final List<String> SYNC_AGENT_JVM = List.of("-Xmx256m");
    static final List<String> WATCHER_JVM = List.of("-Xmx128m");

    private ServerLaunch() {
    }

    /** The JVM options every comment server runs with, for the tests that check a running one. */
    public static List<String> serverJvmOptions() {
        return SERVER_JVM;
    }

    /** The watcher's JVM options, which the systemd unit (deploy/comments-server.service) repeats. */
    public static List<String> watcherJvmOptions() {
        return WATCHER_JVM;
    }

    /** kubo's daemon on its repository; its log records as JSON lines, which the watcher turns into ours. */
    public static ProcessLaunch kubo(Path ipfs, Path repo) {
        return new ProcessLaunch("kubo", List.of(ipfs.toString(), "daemon"),
                Map.of("IPFS_PATH", repo.toString(), "GOLOG_LOG_FMT", "json"));
    }

    /**
     * The WAR on Payara Micro at "/", listening on {@code host:port} only. Writes its preboot
     * commands and logging properties into {@code payaraDir}; Payara's runtime folder is
     * {@link #payaraRoot}, which the caller wipes before every start (Payara remembers the last
     * deployment there, and a restart on it would deploy twice).
     */
    public static ProcessLaunch server(Path microJar, Path war, String host, int port, Path payaraDir) {
        Path preboot = write(payaraDir.resolve("preboot.txt"), preboot(host));
        Path logging = write(payaraDir.resolve("logging.properties"), resource("logging.properties"));
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(SERVER_JVM);
        command.addAll(List.of("-jar", microJar.toString(), "--deploy", war.toString(), "--contextroot", "/",
                // --nohazelcast alone: Payara takes --nocluster instead of it, and then still starts
                // Hazelcast, listening on every interface (*:6900).
                "--port", String.valueOf(port), "--nohazelcast",
                "--rootdir", payaraRoot(payaraDir).toString(), "--prebootcommandfile", preboot.toString(),
                "--logproperties", logging.toString()));
        return new ProcessLaunch("server", command, Map.of());
    }

    /** Payara's runtime folder inside {@code payaraDir}: scratch, wiped before each start. */
    public static Path payaraRoot(Path payaraDir) {
        return payaraDir.resolve("root");
    }

    /** The sync agent's jar; its settings come from the environment, like the server's. */
    public static ProcessLaunch syncAgent(Path jar) {
        return javaJar("sync", SYNC_AGENT_JVM, jar);
    }

    /**
     * The watcher, which starts the three above from the server's settings file, named on its
     * command line (as comments.config) so that whoever started it can tell it from another
     * server's watcher by its command line alone.
     */
    public static ProcessLaunch watcher(Path jar, Path settingsFile) {
        List<String> jvm = new ArrayList<>(WATCHER_JVM);
        jvm.add(configOption(settingsFile));
        return javaJar("watcher", jvm, jar);
    }

    /** The JVM option that names a part's settings file (Config reads it when COMMENTS_CONFIG is not set). */
    public static String configOption(Path settingsFile) {
        return "-D" + Setting.CONFIG_FILE_PROPERTY + "=" + settingsFile.toAbsolutePath();
    }

    /** The java executable of this JVM: every part runs on the JDK that started its parent. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static ProcessLaunch javaJar(String name, List<String> jvm, Path jar) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvm);
        command.addAll(List.of("-jar", jar.toString()));
        return new ProcessLaunch(name, command, Map.of());
    }

    /** Every server's preboot commands, with both listeners bound to one loopback address. */
    static String preboot(String host) {
        String listener = "set configs.config.server-config.network-config.network-listeners.network-listener.";
        return listener + "http-listener.address=" + host + "\n"
                + listener + "https-listener.address=" + host + "\n" + resource("preboot-common.txt");
    }

    private static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A file shipped in this jar beside this class. */
    private static String resource(String name) {
        try (InputStream in = ServerLaunch.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from server-launch's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

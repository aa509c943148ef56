package dev.comments.watcher;

import dev.comments.core.config.Config;
import dev.comments.core.log.EventLog;
import dev.comments.core.reports.ChildStatus;
import dev.comments.core.reports.WatcherStatus;
import dev.comments.watcher.config.DefaultChildren;
import dev.comments.watcher.config.WatcherConfig;
import dev.comments.watcher.supervise.Supervisor;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code java -jar watcher-agent.jar [run] [--config watcher.json]}: supervises a server's
 * processes until SIGTERM, then stops them in reverse order.
 * {@code java -jar watcher-agent.jar status [--json] [--config watcher.json]}: what runs.
 *
 * <p>Without {@code --config} the children come from the server's own settings
 * (server.properties named by COMMENTS_CONFIG, and COMMENTS_* variables).
 * Exit codes (as s6's): 0 stopped cleanly, 100 wrong usage or configuration, 111 a system
 * call failed (such as another watcher already holding this server's run folder); 1 the
 * watcher failed (a bug, logged as {@code watcher-failed}; its children were stopped).
 */
public final class WatcherMain {

    static final int USAGE = 100;
    static final int SYSTEM = 111;
    static final int FAILED = 1;

    private WatcherMain() {
    }

    public static void main(String[] args) {
        String command = args.length > 0 && !args[0].startsWith("--") ? args[0] : "run";
        EventLog.process("watcher");
        try {
            WatcherConfig config = config(args);
            switch (command) {
                case "run" -> run(config);
                case "status" -> System.exit(status(config, hasFlag(args, "--json")));
                case "help" -> System.out.println(usage());
                default -> {
                    System.err.println(usage());
                    System.exit(USAGE);
                }
            }
        } catch (IllegalArgumentException e) {
            System.exit(failed(command, "config-error", e.getMessage(), USAGE));
        } catch (IOException e) {
            System.exit(failed(command, "start-failed", e.getMessage(), SYSTEM));
        }
    }

    /** A failure as the service's log line when running, as a plain message for a person otherwise. */
    private static int failed(String command, String event, String message, int exit) {
        if (command.equals("run")) {
            EventLog.event("error", event, "error", message, "exit", exit);
        } else {
            System.err.println("watcher-agent: " + message);
        }
        return exit;
    }

    private static void run(WatcherConfig config) throws IOException {
        Files.createDirectories(config.runDir());
        FileChannel lockFile = FileChannel.open(config.runDir().resolve("watcher.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.tryLock();
        if (lock == null) {
            System.exit(failed("run", "start-failed", "another watcher already supervises " + config.runDir(), SYSTEM));
        }
        Files.writeString(config.runDir().resolve("watcher.pid"), ProcessHandle.current().pid() + "\n");
        Supervisor supervisor = new Supervisor(config);
        // SIGTERM and SIGINT are how a service manager or an operator stops us: stop the
        // children in reverse order and exit 0. The hook covers any other way the JVM ends.
        sun.misc.SignalHandler stop = signal -> new Thread(supervisor::stop, "watcher-stop").start();
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), stop);
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), stop);
        Runtime.getRuntime().addShutdownHook(new Thread(supervisor::stop, "watcher-shutdown"));
        supervisor.start();
        supervisor.awaitStopped();
        if (supervisor.failure().isPresent()) {
            System.exit(FAILED);
        }
    }

    static int status(WatcherConfig config, boolean json) throws IOException {
        Path file = config.runDir().resolve(WatcherStatus.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            System.out.println("no watcher has run for " + config.runDir());
            return 1;
        }
        WatcherStatus status = WatcherStatus.read(file);
        boolean alive = ProcessHandle.of(status.watcherPid()).map(ProcessHandle::isAlive).orElse(false);
        if (json) {
            System.out.println(Files.readString(file));
            return alive ? 0 : 1;
        }
        System.out.printf("watcher pid %d %s (status of %s)%n", status.watcherPid(), alive ? "running" : "NOT RUNNING",
                status.written());
        System.out.printf("%-8s %-9s %8s %10s %8s %8s  %s%n", "CHILD", "STATE", "PID", "UPTIME", "RESTARTS", "RSS", "LAST REASON");
        for (ChildStatus c : status.children()) {
            System.out.printf("%-8s %-9s %8d %9ds %8d %7dM  %s%n", c.name(), c.state(), c.pid(), c.uptimeMs() / 1000,
                    c.restarts(), c.rssBytes() / (1024 * 1024), c.lastReason());
        }
        return alive ? 0 : 1;
    }

    private static WatcherConfig config(String[] args) throws IOException {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--config")) {
                return WatcherConfig.read(Path.of(args[i + 1]));
            }
        }
        return DefaultChildren.from(Config.load(), home());
    }

    /** The folder of watcher-agent.jar: an installed server keeps its binaries beside it. */
    private static Path home() {
        try {
            Path jar = Path.of(WatcherMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return Path.of(".");
        }
    }

    private static boolean hasFlag(String[] args, String flag) {
        for (String a : args) {
            if (a.equals(flag)) {
                return true;
            }
        }
        return false;
    }

    private static String usage() {
        return """
                usage: java -jar watcher-agent.jar [run] [--config watcher.json]
                       java -jar watcher-agent.jar status [--json] [--config watcher.json]
                Without --config the children come from the server's settings (COMMENTS_CONFIG, COMMENTS_*).""";
    }
}

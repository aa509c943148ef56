package dev.comments.sync;

import dev.comments.core.config.Config;
import dev.comments.core.log.EventLog;
import dev.comments.sync.agent.SyncAgent;
import dev.comments.sync.config.SyncSettings;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar sync-agent.jar [--once]}: the sync agent of one server, configured like
 * the server itself (defaults, {@code COMMENTS_CONFIG} file, {@code -Dcomments.<key>},
 * {@code COMMENTS_<KEY>} variables; see dev.comments.launch.Setting). Logs one line
 * per event on standard output.
 *
 * <p>Exit codes (s6's convention):
 * <ul>
 * <li>0: {@code --once} finished its round, or {@code --help}.</li>
 * <li>100: wrong usage or configuration (unknown argument, bad setting, unreadable
 *     configuration file): restarting will not help.</li>
 * <li>111: system error: the data folder, store or heartbeat cannot be used, or the agent
 *     failed unexpectedly; a restart may help.</li>
 * <li>143: stopped by SIGTERM (the JVM's code for it), after the round in progress.</li>
 * </ul>
 */
public final class SyncAgentMain {

    public static final int OK = 0;
    public static final int USAGE = 100;
    public static final int SYSTEM = 111;

    private static final String USAGE_TEXT = """
            usage: java -jar sync-agent.jar [--once]
              Pulls the other servers' comments into this server's store every sync.interval.ms.
              --once   run one round and exit
              Configuration as the server's: COMMENTS_CONFIG=<file>, COMMENTS_<KEY>=<value>.
            exit codes: 0 ok, 100 usage or configuration error, 111 system error""";

    private SyncAgentMain() {
    }

    public static void main(String[] args) {
        EventLog.process("sync");
        System.exit(run(args));
    }

    static int run(String[] args) {
        boolean once = false;
        for (String arg : args) {
            switch (arg) {
                case "--once" -> once = true;
                case "--help", "-h" -> {
                    System.out.println(USAGE_TEXT);
                    return OK;
                }
                default -> {
                    System.err.println("sync-agent: unknown argument: " + arg + "\n" + USAGE_TEXT);
                    return USAGE;
                }
            }
        }
        SyncSettings settings;
        try {
            settings = SyncSettings.from(Config.load());
        } catch (IOException | IllegalArgumentException e) {
            EventLog.event("error", "config-error", "error", e.getMessage(), "exit", USAGE);
            return USAGE;
        }
        SyncAgent agent;
        try {
            agent = SyncAgent.open(settings);
        } catch (IOException | RuntimeException e) {
            EventLog.event("error", "start-failed", "data.dir", settings.dataDir(), "error", e, "exit", SYSTEM);
            return SYSTEM;
        }
        EventLog.event("info", "sync-agent-started", "data.dir", settings.dataDir(), "ipfs.api", settings.ipfsApi(),
                "network.id", settings.networkId(), "self", settings.ownUrl(), "interval.ms", settings.interval().toMillis(),
                "static.peers", settings.staticPeers().size(), "heartbeat", settings.heartbeatFile(),
                "pid", ProcessHandle.current().pid());
        if (once) {
            try (agent) {
                agent.runRound();
                return OK;
            } catch (RuntimeException e) {
                EventLog.event("error", "round-failed", "error", e, "exit", SYSTEM);
                return SYSTEM;
            }
        }
        return runUntilSignal(agent);
    }

    /** Rounds on the agent's own thread until SIGTERM/SIGINT, whose shutdown hook stops it. */
    private static int runUntilSignal(SyncAgent agent) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            EventLog.event("info", "sync-agent-stopping");
            agent.stop();
            stopped.countDown();
        }, "sync-agent-stop"));
        agent.start();
        try {
            stopped.await(); // until SIGTERM/SIGINT: the JVM then exits with 128+signal
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OK;
    }
}

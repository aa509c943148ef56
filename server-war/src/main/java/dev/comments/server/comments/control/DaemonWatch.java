package dev.comments.server.comments.control;

import dev.comments.core.log.EventLog;
import dev.comments.server.ipfs.IpfsUnavailableException;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Notices when the daemon goes away, comes back, or comes back without our pinned root
 * (restarted with an emptied repo): then the publisher rebuilds from the store. Also the
 * clock of the publisher's pending work: changes nobody asked for yet, a pin that did not
 * follow the last root, garbage collection.
 * The watcher restarts the daemon; the server only has to recover on its own. It lives beside
 * the publisher it drives, so that the ipfs package does not depend back on this one.
 */
@ApplicationScoped
public class DaemonWatch {

    private static final long PERIOD_MS = 2000;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    FolderPublisher publisher;

    private volatile boolean up = true;
    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        task = scheduler.scheduleWithFixedDelay(this::check, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    void check() {
        try {
            if (publisher.checkDaemonCopy()) {
                publisher.publishPending();
                publisher.movePinIfBehind();
                publisher.collectGarbageIfDue();
            }
            if (!up) {
                EventLog.event("info", "daemon-up");
            }
            up = true;
        } catch (IpfsUnavailableException e) {
            if (up) {
                EventLog.event("warn", "daemon-down", "error", e.getMessage());
            }
            up = false;
        } catch (RuntimeException e) {
            EventLog.event("warn", "daemon-check-failed", "error", e);
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}

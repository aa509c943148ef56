package dev.comments.server.comments.control;

import dev.comments.core.lifecycle.Lifecycle;
import dev.comments.core.lifecycle.PeriodicTask;
import dev.comments.core.log.EventLog;
import dev.comments.server.ipfs.IpfsUnavailableException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Notices when the daemon goes away, comes back, or comes back without our pinned root
 * (restarted with an emptied repo): then the publisher rebuilds from the store. Also the
 * clock of the publisher's pending work: changes nobody asked for yet, a pin that did not
 * follow the last root, garbage collection.
 * The watcher restarts the daemon; the server only has to recover on its own. It lives beside
 * the publisher it drives, so that the ipfs package does not depend back on this one.
 *
 * <p>A long-running part ({@link Lifecycle}), started and stopped with the server's others
 * ({@code lifecycle/ServerParts}): a check at start, then every {@link #PERIOD}; a stop
 * waits for a check in progress up to {@link #GRACE}.
 */
@ApplicationScoped
public class DaemonWatch implements Lifecycle {

    static final Duration PERIOD = Duration.ofSeconds(2);
    /** A check's calls to the daemon have deadlines; a publication or collection in progress is let finish. */
    static final Duration GRACE = Duration.ofSeconds(30);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    FolderPublisher publisher;

    private volatile boolean up = true;
    private PeriodicTask checks;

    /** Made here, not in a constructor: the scheduler is injected after construction. */
    private synchronized PeriodicTask checks() {
        if (checks == null) {
            checks = new PeriodicTask("the daemon watch", scheduler, PERIOD, GRACE, this::check);
        }
        return checks;
    }

    @Override
    public void start() {
        checks().start();
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

    @Override
    public void stop() {
        checks().stop();
    }
}

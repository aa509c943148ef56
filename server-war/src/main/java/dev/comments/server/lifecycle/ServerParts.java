package dev.comments.server.lifecycle;

import dev.comments.core.lifecycle.Lifecycle;
import dev.comments.core.lifecycle.LifecycleGroup;
import dev.comments.core.store.GroupCommitWriter;
import dev.comments.server.announce.Announcer;
import dev.comments.server.comments.control.DaemonWatch;
import dev.comments.server.comments.control.FolderPublisher;
import dev.comments.server.work.WorkPools;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The one place that starts and stops the server's long-running parts ({@link Lifecycle}):
 * when the application starts, in the order each needs the ones before it; before the
 * application's beans are destroyed, in reverse, so no part loses one it uses while it
 * stops (CDI's own destruction of beans has no order).
 *
 * <ol>
 * <li>the group commit, which posts need;</li>
 * <li>the work pools' answer writer, which posts and reads need;</li>
 * <li>the publisher's pin mover and rebuild, which requests and the daemon watch start;</li>
 * <li>the daemon watch, which drives the publisher;</li>
 * <li>the announcer, last: the server is announced once it can answer.</li>
 * </ol>
 */
@ApplicationScoped
public class ServerParts {

    @Inject
    GroupCommitWriter writer;

    @Inject
    WorkPools pools;

    @Inject
    FolderPublisher publisher;

    @Inject
    DaemonWatch daemonWatch;

    @Inject
    Announcer announcer;

    private LifecycleGroup parts;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        parts().start();
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        parts().stop();
    }

    /** In case the container destroys the beans without the event: a second stop changes nothing. */
    @PreDestroy
    void stopIfNotStopped() {
        parts().stop();
    }

    private synchronized LifecycleGroup parts() {
        if (parts == null) {
            parts = new LifecycleGroup("the server's parts", List.of(writer, pools, publisher, daemonWatch, announcer));
        }
        return parts;
    }
}

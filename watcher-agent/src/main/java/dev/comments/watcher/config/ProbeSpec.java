package dev.comments.watcher.config;

import dev.comments.core.config.Config;
import dev.comments.launch.Setting;
import java.time.Duration;

/**
 * How the watcher asks a child whether it is alive (liveness, like a Kubernetes liveness
 * probe) and whether it is ready for the next child to start (readiness).
 *
 * <ul>
 * <li>{@code kubo}: {@code POST <target>/api/v0/id} answers 200: alive and ready.</li>
 * <li>{@code http}: {@code GET <target>} answers with the server's JSON (any status, e.g. 503
 *     while its daemon is away): alive; 200: ready.</li>
 * <li>{@code heartbeat}: the file {@code <target>} was touched within {@code maxAge}: alive;
 *     ready as soon as the process runs.</li>
 * <li>{@code none}: alive and ready while the process runs.</li>
 * </ul>
 * A running child is probed once every {@code period}; {@code failures} probes failing in a row
 * (so about failures × period) mean it hangs. Readiness at start is asked at every check.
 */
public record ProbeSpec(Type type, String target, Duration timeout, int failures, Duration maxAge, Duration period) {

    public enum Type { KUBO, HTTP, HEARTBEAT, NONE }

    /** The setting's default ({@code watcher.probe.timeout.ms}), for a watcher file that names none. */
    public static final Duration DEFAULT_TIMEOUT = Config.defaults().millis(Setting.WATCHER_PROBE_TIMEOUT_MS);

    public static ProbeSpec none() {
        return new ProbeSpec(Type.NONE, "", DEFAULT_TIMEOUT, 1, Duration.ZERO, Duration.ofSeconds(5));
    }
}

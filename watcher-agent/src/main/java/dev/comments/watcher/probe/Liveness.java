package dev.comments.watcher.probe;

import dev.comments.watcher.config.ProbeSpec;
import java.time.Instant;
import java.util.Optional;

/**
 * The liveness side of a running child's probe: asked once per {@code period}, not at every
 * tick (a probe is a request to the child); {@code failures} failures in a row mean it hangs.
 * One failure alone is a busy moment, not a hang.
 */
public final class Liveness {

    private final ProbeSpec spec;
    private final Probe probe;
    private Instant lastAsked = Instant.EPOCH;
    private int failures;

    public Liveness(ProbeSpec spec, Probe probe) {
        this.spec = spec;
        this.probe = probe;
    }

    /** A new process, started at {@code started}: first asked one period later. */
    public void reset(Instant started) {
        lastAsked = started;
        failures = 0;
    }

    /** Asks when a period has passed; why the child hangs once enough probes in a row failed. */
    public Optional<String> hung(Instant now, Instant started) {
        if (now.isBefore(lastAsked.plus(spec.period()))) {
            return Optional.empty();
        }
        lastAsked = now;
        if (probe.check(started) != Probe.Result.FAILED) {
            failures = 0;
            return Optional.empty();
        }
        failures++;
        return failures < spec.failures() ? Optional.empty()
                : Optional.of("hung: " + failures + " probes failed in a row, last: " + probe.lastFailure());
    }
}

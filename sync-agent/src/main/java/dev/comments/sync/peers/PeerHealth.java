package dev.comments.sync.peers;

import java.time.Duration;
import java.time.Instant;

/**
 * What the agent knows of one peer's reliability, as an explicit state: a peer is
 * {@link State#NEW} until its first round, {@link State#HEALTHY} after a good one, and
 * {@link State#BACKING_OFF} after a failure or after serving invalid data, until
 * its wait is over. Each failure in a row doubles the wait, from one sync interval
 * up to the configured maximum; one good round resets it.
 */
public final class PeerHealth {

    public enum State { NEW, HEALTHY, BACKING_OFF }

    private State state = State.NEW;
    private Instant lastDiscovered;
    private Instant notBefore = Instant.MIN;
    private int failures;

    PeerHealth(Instant discovered) {
        this.lastDiscovered = discovered;
    }

    public State state() {
        return state;
    }

    Instant lastDiscovered() {
        return lastDiscovered;
    }

    void discovered(Instant now) {
        lastDiscovered = now;
    }

    boolean isDue(Instant now) {
        return state != State.BACKING_OFF || !now.isBefore(notBefore);
    }

    void succeeded() {
        state = State.HEALTHY;
        failures = 0;
        notBefore = Instant.MIN;
    }

    /** A failure or invalid data: wait base × 2^(failures−1), at most max. Returns the wait. */
    Duration failed(Instant now, Duration base, Duration max) {
        failures++;
        state = State.BACKING_OFF;
        Duration wait = base.multipliedBy(1L << Math.min(failures - 1, 20));
        if (wait.compareTo(max) > 0) {
            wait = max;
        }
        notBefore = now.plus(wait);
        return wait;
    }
}

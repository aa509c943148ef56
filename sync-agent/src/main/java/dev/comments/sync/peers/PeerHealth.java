package dev.comments.sync.peers;

import java.time.Duration;
import java.time.Instant;

/**
 * What the agent knows of one peer's reliability, as an explicit state: a peer is
 * {@link State#NEW} until its first round, {@link State#HEALTHY} after a good one, and
 * {@link State#BACKING_OFF} after a failure or after serving invalid data, until
 * its wait is over. Each failure in a row doubles the wait, from one sync interval
 * up to the configured maximum; one good round resets it. Apart from its state, a budget of
 * blocks that carries across rounds ({@link #budget}, {@link #yielded}): a peer that serves
 * mostly refused comments is left with nothing, one that serves valid ones earns the most.
 */
public final class PeerHealth {

    public enum State { NEW, HEALTHY, BACKING_OFF }

    /** A new peer's budget: this share of sync.max.blocks.per.peer. */
    static final int NEW_PEER_SHARE = 8;
    /** Below this a budget is nothing; a spent peer's probation after its backoff. */
    static final int MIN_BUDGET = 16;

    private State state = State.NEW;
    private Instant lastDiscovered;
    private Instant notBefore = Instant.MIN;
    private int failures;
    /** Blocks this peer may cost next round; -1 until its first round. */
    private int budget = -1;
    /** Its last round with new comments had nothing refused, and none since was mostly refused. */
    private boolean delivered;

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

    /**
     * Blocks the peer may cost this round: a new peer an eighth of the most; one whose budget
     * fell to nothing, after its backoff, the least ({@link #MIN_BUDGET}), to show it changed.
     */
    int budget(int max) {
        if (budget < 0) {
            budget = Math.max(MIN_BUDGET, max / NEW_PEER_SHARE);
        } else if (budget == 0) {
            budget = MIN_BUDGET;
        }
        return Math.min(budget, max);
    }

    /**
     * What the round's answers say of the peer: mostly refused (at least as many refused as
     * taken) divides its budget by four, down to nothing under {@link #MIN_BUDGET}; new valid
     * comments and nothing refused double it, up to the most. Returns the new budget.
     */
    int yielded(int written, int rejected, int max) {
        int current = budget(max);
        if (rejected > 0 && rejected >= written) {
            budget = current / 4 < MIN_BUDGET ? 0 : current / 4;
            delivered = false;
        } else if (written > 0 && rejected == 0) {
            budget = (int) Math.min(max, current * 2L);
            delivered = true;
        }
        return budget;
    }

    /** Whether the peer gave us valid new comments, and has not served mostly refused ones since. */
    boolean proven() {
        return delivered;
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

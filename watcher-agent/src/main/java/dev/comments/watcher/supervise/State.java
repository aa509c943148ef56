package dev.comments.watcher.supervise;

/**
 * A child's states. Moves (see {@link Child}):
 * <pre>
 * STOPPED  --start-->  STARTING --ready--> RUNNING
 * STARTING/RUNNING --exited | hung | over memory | not ready in time--> BACKOFF (or FAILED past the intensity)
 * RUNNING  --scheduled restart--> BACKOFF (no penalty)
 * BACKOFF  --delay elapsed, predecessors ready--> STARTING
 * FAILED   --slow retry elapsed--> STARTING
 * any      --watcher stops--> STOPPED
 * </pre>
 */
public enum State {
    STOPPED, STARTING, RUNNING, BACKOFF, FAILED
}

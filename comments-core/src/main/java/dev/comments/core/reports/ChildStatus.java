package dev.comments.core.reports;

/**
 * What the watcher reports of one child: its state (the name of one of the watcher's states:
 * {@code STOPPED}, {@code STARTING}, {@code RUNNING}, {@code BACKOFF}, {@code FAILED}, or
 * {@code GAVE_UP} after it exited with 125, ADR 003), pid (-1 when none), uptime, restarts and
 * starts since the watcher started, why it last stopped, and the resident memory of its process tree.
 */
public record ChildStatus(String name, String state, long pid, long uptimeMs, int restarts, int starts,
        String lastReason, long rssBytes) {

    public boolean running() {
        return "RUNNING".equals(state);
    }
}

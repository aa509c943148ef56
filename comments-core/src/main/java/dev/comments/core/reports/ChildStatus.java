package dev.comments.core.reports;

/**
 * What the watcher reports of one child: its state ({@code RUNNING}, {@code STARTING},
 * {@code BACKOFF}, …), pid (-1 when none), uptime, restarts and starts since the watcher
 * started, why it last stopped, and the resident memory of its process tree.
 */
public record ChildStatus(String name, String state, long pid, long uptimeMs, int restarts, int starts,
        String lastReason, long rssBytes) {

    public boolean running() {
        return "RUNNING".equals(state);
    }
}

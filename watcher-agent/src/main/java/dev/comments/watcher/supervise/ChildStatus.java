package dev.comments.watcher.supervise;

/** What `status` shows of a child. */
public record ChildStatus(String name, String state, long pid, long uptimeMs, int restarts, int starts,
        String lastReason, long rssBytes) {
}

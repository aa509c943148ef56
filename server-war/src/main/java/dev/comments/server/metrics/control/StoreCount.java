package dev.comments.server.metrics.control;

import dev.comments.core.network.UrlHash;
import dev.comments.core.store.CommentStore;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Counts the store's pages and comments when metrics are scraped: one folder listing per page. */
final class StoreCount {

    private final CommentStore store;

    StoreCount(CommentStore store) {
        this.store = store;
    }

    long pages() {
        try {
            return store.pages().size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the store's pages", e);
        }
    }

    long comments() {
        try {
            long n = 0;
            for (UrlHash page : store.pages()) {
                n += store.list(page).size();
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count the store's comments", e);
        }
    }
}

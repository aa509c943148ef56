package dev.comments.core.withheld;

import dev.comments.core.cid.Cid;
import dev.comments.core.comment.Comment;
import dev.comments.core.network.UrlHash;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a server withholds, from its own list and the lists it follows, as three sets: O(1)
 * per question, asked by every POST and for every comment a sync round takes.
 */
public final class Withheld {

    public static final Withheld NONE = new Withheld(Set.of(), Set.of(), Set.of());

    private final Set<String> comments;
    private final Set<String> keys;
    private final Set<String> pages;

    private Withheld(Set<String> comments, Set<String> keys, Set<String> pages) {
        this.comments = comments;
        this.keys = keys;
        this.pages = pages;
    }

    public static Withheld of(Iterable<WithheldList> lists) {
        Set<String> comments = new HashSet<>();
        Set<String> keys = new HashSet<>();
        Set<String> pages = new HashSet<>();
        for (WithheldList list : lists) {
            for (WithheldEntry entry : list.entries()) {
                (switch (entry.kind()) {
                    case COMMENT -> comments;
                    case KEY -> keys;
                    case PAGE -> pages;
                }).add(entry.value());
            }
        }
        return new Withheld(Set.copyOf(comments), Set.copyOf(keys), Set.copyOf(pages));
    }

    public boolean isEmpty() {
        return comments.isEmpty() && keys.isEmpty() && pages.isEmpty();
    }

    /** Whether the whole page is withheld. */
    public boolean page(UrlHash page) {
        return pages.contains(page.hex());
    }

    /** Whether this id, or its whole page, is withheld: known before a comment's bytes are read. */
    public boolean id(UrlHash page, Cid id) {
        return pages.contains(page.hex()) || comments.contains(id.text());
    }

    /** Whether this key's comments are withheld. */
    public boolean key(String key) {
        return keys.contains(key);
    }

    /** Why a comment is withheld (the kind of entry that names it), or empty when it is not. */
    public Optional<WithheldEntry.Kind> reason(UrlHash page, Cid id, Comment comment) {
        if (pages.contains(page.hex())) {
            return Optional.of(WithheldEntry.Kind.PAGE);
        }
        if (comments.contains(id.text())) {
            return Optional.of(WithheldEntry.Kind.COMMENT);
        }
        return keys.contains(comment.key()) ? Optional.of(WithheldEntry.Kind.KEY) : Optional.empty();
    }

    /** Whether keys are named: withholding them costs reading each comment of the store once. */
    boolean namesKeys() {
        return !keys.isEmpty();
    }

    boolean namesComments() {
        return !comments.isEmpty();
    }
}

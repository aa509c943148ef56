package dev.comments.core.tree;

import dev.comments.core.cid.Cid;
import java.util.Optional;

/** The name of a comment in its page's folder, in the published tree and on disk: {@code <id>.json}. */
public final class CommentFileName {

    public static final String EXTENSION = ".json";

    private CommentFileName() {
    }

    /** The file name of a comment id; anything but a comment id is refused, so it never becomes a name. */
    public static String of(Cid id) {
        if (!CommentId.is(id)) {
            throw new IllegalArgumentException("not a comment id: " + id);
        }
        return id.text() + EXTENSION;
    }

    /** The id a name is exactly the file name of; empty for every other name (case, length, extension, codec, hash). */
    public static Optional<Cid> idOf(String name) {
        if (name == null || !name.endsWith(EXTENSION)) {
            return Optional.empty();
        }
        return CommentId.parse(name.substring(0, name.length() - EXTENSION.length()));
    }
}

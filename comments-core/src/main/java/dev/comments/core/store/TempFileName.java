package dev.comments.core.store;

import dev.comments.core.cid.Cid;
import dev.comments.core.tree.CommentId;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a writer's temp file in a page's folder, {@code .<id>.<pid>.<random hex>.tmp}:
 * hidden, never a comment's name (see {@link dev.comments.core.tree.CommentFileName}), and
 * carrying the writer's pid so that leftovers of dead writers can be told from live work.
 */
final class TempFileName {

    private static final Pattern FORM = Pattern.compile("\\.([^.]+)\\.(\\d{1,18})\\.[0-9a-f]+\\.tmp");

    private TempFileName() {
    }

    /** A fresh temp name for this process writing the comment {@code id}. */
    static String of(Cid id) {
        return "." + id + "." + ProcessHandle.current().pid() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp";
    }

    /** The pid of the writer whose temp file this name is; empty for any other name. */
    static OptionalLong writerPid(String name) {
        Matcher m = FORM.matcher(name);
        if (!m.matches() || CommentId.parse(m.group(1)).isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(m.group(2)));
    }
}

package dev.comments.testkit.data;

import dev.comments.core.comment.Comment;
import dev.comments.core.tree.CommentFileName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

/**
 * A store of the size that exposes wrong answers (100,000 pages and more), written fast:
 * signed comments (each valid, signed by {@link TestComments#SIGNER}) written straight
 * into the store's layout, {@code <data>/comments/<urlHash>/<id>.json}, in parallel and
 * without the store's fsyncs. For fixtures only: a real store is written by CommentStore.
 */
public final class LargeStore {

    /** Timestamps of fixture comments: all within the rules' range. */
    private static final long TS = 1_795_530_000_000L;

    private LargeStore() {
    }

    /** The urlHash of fixture page {@code i}: distinct, spread, 64 lowercase hex characters. */
    public static String page(long i) {
        return String.format("%064x", i * 2_654_435_761L + 1);
    }

    /** Writes {@code pages} pages of one comment each (pages 0..pages-1); returns the store's comments folder. */
    public static Path onePerPage(Path dataDir, int pages) {
        Path root = dataDir.resolve("comments");
        IntStream.range(0, pages).parallel().forEach(i ->
                write(root, TestComments.SIGNER.sign(page(i), null, "Scale", "comment on page " + i, TS + i)));
        return root;
    }

    /** Writes {@code count} comments on one page; returns the page's urlHash. */
    public static String onOnePage(Path dataDir, String page, int count, String tag) {
        Path root = dataDir.resolve("comments");
        IntStream.range(0, count).parallel().forEach(i ->
                write(root, TestComments.SIGNER.sign(page, null, "Scale", tag + " " + i, TS + i)));
        return page;
    }

    private static void write(Path root, Comment comment) {
        try {
            Path folder = Files.createDirectories(root.resolve(comment.url()));
            Files.write(folder.resolve(CommentFileName.of(comment.id())), comment.fileBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

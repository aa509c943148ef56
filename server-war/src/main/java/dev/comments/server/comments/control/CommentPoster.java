package dev.comments.server.comments.control;

import dev.comments.core.comment.CommentVerifier;
import dev.comments.core.comment.Stamp;
import dev.comments.core.config.Config;
import dev.comments.core.comment.InvalidCommentException;
import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.log.EventLog;
import dev.comments.core.network.UrlHash;
import dev.comments.core.store.CommentStore.WriteResult;
import dev.comments.core.store.GroupCommitWriter;
import dev.comments.core.withheld.WithheldEntry;
import dev.comments.core.withheld.WithheldLists;
import dev.comments.launch.Setting;
import dev.comments.server.errors.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * POST without IPFS: verify, then write through the group commit; the answer waits
 * until the comment is on disk, without holding a thread meanwhile.
 */
@ApplicationScoped
public class CommentPoster {


    @Inject
    GroupCommitWriter writer;

    @Inject
    WithheldLists withheld;

    @Inject
    Config config;

    public record Posted(VerifiedComment comment, boolean created) {
    }

    /**
     * Verifies the comment, then applies this server's own policy (its stamp, docs/protocol.md
     * §3.9; what its operator withholds), then queues it; the stage completes once its batch is durable (a
     * clear error if the comment is invalid or the queue is full, at once).
     */
    public CompletionStage<Posted> post(UrlHash page, byte[] body) {
        VerifiedComment comment;
        try {
            comment = CommentVerifier.verifyPost(body, page);
            Stamp.require(comment.id(), config.integer(Setting.STAMP_MIN_BITS));
        } catch (InvalidCommentException e) {
            throw ErrorCode.refused(e.reason(), e.detail());
        }
        refuseIfWithheld(page, comment);
        CompletableFuture<WriteResult> done = writer.submit(comment);
        if (done == null) {
            throw ErrorCode.BUSY.exception("too many comments are waiting to be written; retry shortly");
        }
        return done.handle((result, failure) -> {
            if (failure != null) {
                throw new IllegalStateException("writing the comment failed", failure);
            }
            if (result == WriteResult.CREATED) {
                EventLog.event("info", "comment-stored", "page", page, "id", comment.id());
            }
            return new Posted(comment, result == WriteResult.CREATED);
        });
    }

    /**
     * 451 when the operator's lists name the comment, its key or its page: a comment taken
     * down never comes back through POST. The lists are re-read only when one changed (a few
     * stats per POST).
     */
    private void refuseIfWithheld(UrlHash page, VerifiedComment comment) {
        Optional<WithheldEntry.Kind> why;
        try {
            why = withheld.current().reason(page, comment.id(), comment.comment());
        } catch (IOException e) {
            throw new UncheckedIOException("the withheld lists could not be read", e);
        }
        why.ifPresent(kind -> {
            throw ErrorCode.WITHHELD.exception("this server's operator withholds " + switch (kind) {
                case COMMENT -> "this comment";
                case KEY -> "comments signed by this key";
                case PAGE -> "comments on this page";
            } + "; another server may take it");
        });
    }
}

package dev.comments.core.comment;

import dev.comments.core.cid.Cid;
import dev.comments.core.tree.CommentFileName;

/** A comment that passed every check, with its canonical file bytes and its id. */
public record VerifiedComment(Comment comment, Cid id, byte[] fileBytes) {

    public VerifiedComment {
        fileBytes = fileBytes.clone();
    }

    @Override
    public byte[] fileBytes() {
        return fileBytes.clone();
    }

    public String fileName() {
        return CommentFileName.of(id);
    }
}

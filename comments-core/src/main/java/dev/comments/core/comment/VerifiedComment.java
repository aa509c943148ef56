package dev.comments.core.comment;

import dev.comments.core.cid.Cid;

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
        return id + ".json";
    }
}

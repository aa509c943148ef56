package dev.comments.core.comment;

import dev.comments.core.cid.Cid;
import dev.comments.core.json.CanonicalJson;
import java.util.HashMap;
import java.util.Map;

/**
 * A comment as docs/protocol.md §3 defines it. Holding one says nothing about its validity:
 * {@link CommentVerifier} decides that. {@code nonce} is null in a version 1 comment, which has
 * no such field; version 2 carries the nonce its author varied to stamp it (§3.9); version 3 also
 * a {@code kind} (§3.10), null in the versions before.
 */
public record Comment(long v, String url, String parent, String author, String text, long ts, String key, String sig,
                      Long nonce, String kind) {

    /** A version 1 or 2 comment: no kind (a version 3 record has one, §3.10). */
    public Comment(long v, String url, String parent, String author, String text, long ts, String key, String sig,
            Long nonce) {
        this(v, url, parent, author, text, ts, key, sig, nonce, null);
    }

    /** A version 1 comment: the eight fields, no nonce. */
    public Comment(long v, String url, String parent, String author, String text, long ts, String key, String sig) {
        this(v, url, parent, author, text, ts, key, sig, null, null);
    }

    /** The canonical JSON the signature covers: every field but sig. */
    public byte[] signedBytes() {
        return CanonicalJson.encode(fields(false));
    }

    /** The file's bytes: the canonical JSON of every field. */
    public byte[] fileBytes() {
        return CanonicalJson.encode(fields(true));
    }

    /** The comment id: CIDv1 raw sha2-256 of the file's bytes. */
    public Cid id() {
        return Cid.ofRaw(fileBytes());
    }

    public Comment withSig(String newSig) {
        return new Comment(v, url, parent, author, text, ts, key, newSig, nonce, kind);
    }

    private Map<String, Object> fields(boolean withSig) {
        Map<String, Object> m = new HashMap<>();
        m.put("v", v);
        m.put("url", url);
        m.put("parent", parent);
        m.put("author", author);
        m.put("text", text);
        m.put("ts", ts);
        m.put("key", key);
        if (nonce != null) {
            m.put("nonce", nonce);
        }
        if (kind != null) {
            m.put("kind", kind);
        }
        if (withSig) {
            m.put("sig", sig);
        }
        return m;
    }
}

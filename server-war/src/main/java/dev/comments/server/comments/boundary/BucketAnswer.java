package dev.comments.server.comments.boundary;

import dev.comments.core.json.Jsons;
import dev.comments.server.comments.control.PageCounts.Bucket;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The answer of {@code GET /counts/{prefix}} (docs/protocol.md §5.8): the bucket's counts as
 * JSON, cached like a folder's answer ({@link FolderAnswer#CACHE_CONTROL}), with a strong ETag
 * made from the answer's own bytes (a bucket has no CID) and a 304 when the asker holds them.
 */
final class BucketAnswer {

    private BucketAnswer() {
    }

    static Response of(Bucket bucket, String ifNoneMatch) {
        byte[] json = json(bucket);
        String etag = "\"" + HexFormat.of().formatHex(sha256(json), 0, 16) + "\"";
        Response.ResponseBuilder answer = FolderAnswer.matches(ifNoneMatch, etag) ? Response.notModified()
                : Response.ok(json, MediaType.APPLICATION_JSON_TYPE);
        return answer.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, FolderAnswer.CACHE_CONTROL).build();
    }

    /** {"prefix":"2ff","complete":true,"counts":{"2ff0…":3,…}}; an over-full bucket has no counts. */
    static byte[] json(Bucket bucket) {
        JsonObjectBuilder answer = Jsons.object().add("prefix", bucket.prefix()).add("complete", bucket.complete());
        if (bucket.complete()) {
            JsonObjectBuilder counts = Jsons.object();
            bucket.counts().forEach(counts::add);
            answer.add("counts", counts);
        }
        return answer.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}

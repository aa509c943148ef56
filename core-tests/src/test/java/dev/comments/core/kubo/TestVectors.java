package dev.comments.core.kubo;

import dev.comments.testkit.data.Vectors;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;

/** The values of the shared test vectors that the kubo tests use. */
final class TestVectors {

    private static JsonObject root;

    private TestVectors() {
    }

    /** The exact bytes of the vectors' first comment file. */
    static byte[] firstCommentFile() {
        return firstComment().getString("fileText").getBytes(StandardCharsets.UTF_8);
    }

    /** Its comment id: CIDv1(raw, sha2-256) of those bytes. */
    static String firstCommentId() {
        return firstComment().getString("id");
    }

    static String networkIdHex() {
        return vectors().getJsonObject("network").getString("networkIdHex");
    }

    static String dhtKeyCid() {
        return vectors().getJsonObject("network").getString("dhtKeyCid");
    }

    private static JsonObject firstComment() {
        return vectors().getJsonArray("comments").getJsonObject(0);
    }

    private static synchronized JsonObject vectors() {
        if (root == null) {
            root = Vectors.load();
        }
        return root;
    }
}

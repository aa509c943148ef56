package dev.comments.core.kubo;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared test vectors (system property comments.vectors, set by surefire). */
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
            Path file = Path.of(System.getProperty("comments.vectors", "../../shared/testvectors/vectors.json"));
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 JsonReader reader = Json.createReader(in)) {
                root = reader.readObject();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the test vectors at " + file, e);
            }
        }
        return root;
    }
}

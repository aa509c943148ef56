package dev.comments.testkit.data;

import dev.comments.core.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

/** The protocol's test vectors ({@code protocol/vectors.json}), which every implementation reproduces. */
public final class Vectors {

    private Vectors() {
    }

    public static Path path() {
        String configured = System.getProperty("comments.vectors");
        Path p = configured != null ? Path.of(configured) : Path.of("../protocol/vectors.json");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("test vectors not found at " + p.toAbsolutePath()
                    + " (protocol/vectors.json in the repository)");
        }
        return p;
    }

    public static JsonObject load() {
        try (Reader r = Files.newBufferedReader(path()); JsonReader json = Jsons.reader(r)) {
            return json.readObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path(), e);
        }
    }
}

package dev.comments.watcher.status;

import dev.comments.watcher.supervise.ChildStatus;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * The watcher's view of its children, rewritten atomically every tick to
 * {@code <run>/status.json}; {@code watcher-agent status} reads it. No port to open.
 */
public final class StatusFile {

    private final Path file;

    public StatusFile(Path runDir) {
        this.file = runDir.resolve("status.json");
    }

    public Path path() {
        return file;
    }

    public void write(List<ChildStatus> children) throws IOException {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (ChildStatus c : children) {
            list.add(Json.createObjectBuilder().add("name", c.name()).add("state", c.state()).add("pid", c.pid())
                    .add("uptimeMs", c.uptimeMs()).add("restarts", c.restarts()).add("starts", c.starts())
                    .add("lastReason", c.lastReason()).add("rssBytes", c.rssBytes()));
        }
        JsonObject status = Json.createObjectBuilder()
                .add("watcherPid", ProcessHandle.current().pid())
                .add("written", Instant.now().toString())
                .add("children", list).build();
        Path tmp = file.resolveSibling("status.json.tmp");
        Files.writeString(tmp, status.toString());
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public JsonObject read() throws IOException {
        try (Reader r = Files.newBufferedReader(file); JsonReader json = Json.createReader(r)) {
            return json.readObject();
        }
    }
}

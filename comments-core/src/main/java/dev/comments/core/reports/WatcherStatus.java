package dev.comments.core.reports;

import dev.comments.core.json.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * The watcher's view of its children, {@code <run dir>/status.json}, rewritten by rename
 * every tick (a reader never sees half of it). {@code watcher-agent status} prints it and
 * the comment server's {@code /metrics} reports it: no port to open for either.
 * <pre>{"watcherPid":1,"written":"…","children":[{"name":"kubo","state":"RUNNING","pid":2,…}]}</pre>
 */
public record WatcherStatus(long watcherPid, Instant written, List<ChildStatus> children) {

    public static final String FILE_NAME = "status.json";

    public WatcherStatus {
        children = List.copyOf(children);
    }

    public void write(Path file) throws IOException {
        JsonArrayBuilder list = Jsons.array();
        for (ChildStatus c : children) {
            list.add(Jsons.object().add("name", c.name()).add("state", c.state()).add("pid", c.pid())
                    .add("uptimeMs", c.uptimeMs()).add("restarts", c.restarts()).add("starts", c.starts())
                    .add("lastReason", c.lastReason()).add("rssBytes", c.rssBytes()));
        }
        String json = Jsons.object().add("watcherPid", watcherPid).add("written", written.toString())
                .add("children", list).build().toString();
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.writeString(tmp, json, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads a status file; an IOException when it is missing or not a watcher's status. */
    public static WatcherStatus read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); JsonReader reader = Jsons.reader(r)) {
            JsonObject o = reader.readObject();
            List<ChildStatus> children = o.getJsonArray("children").getValuesAs(JsonObject.class).stream()
                    .map(c -> new ChildStatus(c.getString("name"), c.getString("state"), c.getJsonNumber("pid").longValue(),
                            c.getJsonNumber("uptimeMs").longValue(), c.getInt("restarts"), c.getInt("starts"),
                            c.getString("lastReason"), c.getJsonNumber("rssBytes").longValue()))
                    .toList();
            return new WatcherStatus(o.getJsonNumber("watcherPid").longValue(), Instant.parse(o.getString("written")), children);
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a watcher status file: " + e.getMessage(), e);
        }
    }
}

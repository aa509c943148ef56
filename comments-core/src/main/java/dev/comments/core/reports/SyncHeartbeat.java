package dev.comments.core.reports;

import dev.comments.core.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The sync agent's heartbeat file, rewritten when it starts and after every round. The
 * watcher's probe reads only its age (an old heartbeat means a hung agent); the comment
 * server's {@code /metrics} reads the last round's figures from it. Replaced by rename, so
 * a reader never sees half of it; not fsynced, as losing it in a crash costs nothing.
 * <pre>{"time":"…","pid":42,"lastRound":{"round":3,"daemonUp":true,"peersFound":2,…,"ms":45}}</pre>
 *
 * @param lastRound empty until the first round of this agent's run has ended
 */
public record SyncHeartbeat(Instant time, long pid, Optional<SyncRoundFigures> lastRound) {

    public void write(Path file) throws IOException {
        JsonObjectBuilder json = Jsons.object().add("time", time.toString()).add("pid", pid);
        lastRound.ifPresent(r -> json.add("lastRound", Jsons.object()
                .add("round", r.round()).add("daemonUp", r.daemonUp()).add("peersFound", r.peersFound())
                .add("peers", r.peers()).add("peersFailed", r.peersFailed()).add("rootsListed", r.rootsListed())
                .add("foldersListed", r.foldersListed()).add("blocksFetched", r.blocksFetched())
                .add("written", r.written()).add("rejected", r.rejected()).add("ignored", r.ignored()).add("ms", r.ms())));
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.writeString(temp, json.build() + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads a heartbeat; an IOException when it is missing or not a heartbeat. */
    public static SyncHeartbeat read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); JsonReader reader = Jsons.reader(r)) {
            JsonObject o = reader.readObject();
            JsonObject round = o.containsKey("lastRound") ? o.getJsonObject("lastRound") : null;
            return new SyncHeartbeat(Instant.parse(o.getString("time")), o.getJsonNumber("pid").longValue(),
                    Optional.ofNullable(round).map(SyncHeartbeat::figures));
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a sync agent's heartbeat: " + e.getMessage(), e);
        }
    }

    private static SyncRoundFigures figures(JsonObject r) {
        return new SyncRoundFigures(r.getJsonNumber("round").longValue(), r.getBoolean("daemonUp"), r.getInt("peersFound"),
                r.getInt("peers"), r.getInt("peersFailed"), r.getInt("rootsListed"), r.getInt("foldersListed"),
                r.getInt("blocksFetched"), r.getInt("written"), r.getInt("rejected"), r.getInt("ignored"),
                r.getJsonNumber("ms").longValue());
    }
}

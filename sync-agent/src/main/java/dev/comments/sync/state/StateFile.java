package dev.comments.sync.state;

import dev.comments.core.json.Jsons;
import dev.comments.core.store.AtomicFile;
import dev.comments.core.cid.Cid;
import dev.comments.core.log.EventLog;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@link SyncState} on disk, {@code <data.dir>/sync-agent.state.json}:
 * <pre>{"v":2,"peers":{"http://127.0.0.3:8000/":{"root":"bafy…","nodes":["bafy…"]}}}</pre>
 * Written whole to a temp file, fsynced, then renamed over the old one, so a crash
 * leaves the old state or the new one. It only saves work: a missing or unreadable
 * file means one full comparison with each peer, so it is logged and ignored.
 */
public final class StateFile {

    /** 2: the peer's folder nodes taken in full (1 kept page folders by page; read as nothing). */
    private static final int VERSION = 2;

    private final Path file;

    public StateFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    public SyncState load() {
        SyncState state = new SyncState();
        JsonObject json;
        try (InputStream in = Files.newInputStream(file); JsonReader reader = Jsons.reader(in)) {
            json = reader.readObject();
        } catch (NoSuchFileException e) {
            return state;
        } catch (IOException | RuntimeException e) {
            unreadable(e.getMessage());
            return state;
        }
        try {
            if (json.getInt("v") != VERSION) {
                throw new IllegalArgumentException("version " + json.get("v"));
            }
            for (Map.Entry<String, JsonValue> peer : json.getJsonObject("peers").entrySet()) {
                JsonObject o = peer.getValue().asJsonObject();
                Cid root = o.isNull("root") ? null : Cid.parse(o.getString("root"));
                Set<Cid> nodes = new HashSet<>();
                for (JsonValue n : o.getJsonArray("nodes")) {
                    nodes.add(Cid.parse(((jakarta.json.JsonString) n).getString()));
                }
                state.putLoaded(URI.create(peer.getKey()), new PeerSeen(root, nodes));
            }
        } catch (RuntimeException e) {
            unreadable(e);
            return new SyncState();
        }
        return state;
    }

    /** A state that cannot be read costs one round of full comparisons, nothing more. */
    private void unreadable(Object error) {
        EventLog.event("warn", "state-unreadable", "file", file, "error", error,
                "action", "starting from an empty state: the first round compares every folder again");
    }

    public void save(SyncState state) throws IOException {
        JsonObjectBuilder peers = Jsons.object();
        for (Map.Entry<URI, PeerSeen> e : state.snapshot().entrySet()) {
            jakarta.json.JsonArrayBuilder nodes = Jsons.array();
            e.getValue().nodes().stream().map(Cid::text).sorted().forEach(nodes::add);
            JsonObjectBuilder peer = Jsons.object();
            if (e.getValue().root() == null) {
                peer.addNull("root");
            } else {
                peer.add("root", e.getValue().root().text());
            }
            peers.add(e.getKey().toString(), peer.add("nodes", nodes));
        }
        byte[] bytes = Jsons.object().add("v", VERSION).add("peers", peers).build().toString()
                .getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(file.getParent());
        AtomicFile.write(file, bytes);
    }
}

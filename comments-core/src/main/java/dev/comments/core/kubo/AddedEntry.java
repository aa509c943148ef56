package dev.comments.core.kubo;

import dev.comments.core.cid.Cid;
import jakarta.json.JsonObject;

/**
 * One line of {@code add}'s answer: a file or folder, named by its path inside what was
 * added ({@code folder/a.json}), with its CID and size (kubo's cumulative DAG size).
 */
public record AddedEntry(String name, Cid hash, long size) {

    static AddedEntry from(JsonObject o) {
        return new AddedEntry(KuboJson.text(o, "Name"), KuboJson.cid(o, "Hash"), KuboJson.number(o, "Size"));
    }
}

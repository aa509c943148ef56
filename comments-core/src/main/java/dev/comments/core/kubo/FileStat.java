package dev.comments.core.kubo;

import dev.comments.core.cid.Cid;
import jakarta.json.JsonObject;

/** {@code files/stat} of a path in the files API: its CID, sizes, and "file" or "directory". */
public record FileStat(Cid hash, long size, long cumulativeSize, int blocks, String type) {

    public boolean isDirectory() {
        return "directory".equals(type);
    }

    static FileStat from(JsonObject o) {
        return new FileStat(KuboJson.cid(o, "Hash"), KuboJson.number(o, "Size"), KuboJson.number(o, "CumulativeSize"),
                (int) KuboJson.number(o, "Blocks"), KuboJson.text(o, "Type"));
    }
}

package dev.comments.core.kubo;

import dev.comments.core.cid.Cid;
import jakarta.json.JsonObject;

/**
 * An entry of {@code files/ls --long}. Note that the files API numbers types unlike
 * {@code ls}: here 0 is a file and 1 a folder.
 */
public record FileEntry(String name, int type, long size, Cid hash) {

    public static final int FILE = 0;
    public static final int DIRECTORY = 1;

    public boolean isDirectory() {
        return type == DIRECTORY;
    }

    static FileEntry from(JsonObject o) {
        return new FileEntry(KuboJson.text(o, "Name"), (int) KuboJson.number(o, "Type"), KuboJson.number(o, "Size"),
                KuboJson.cid(o, "Hash"));
    }
}

package dev.comments.core.kubo;

import dev.comments.core.cid.Cid;
import jakarta.json.JsonObject;

/**
 * An entry of a UnixFS folder as {@code ls} lists it; kubo's type 1 is a folder, 2 a file,
 * and 0 when kubo was asked not to fetch the entry to learn its type.
 */
public record Link(String name, Cid hash, long size, int type) {

    public static final int UNKNOWN = 0;
    public static final int DIRECTORY = 1;
    public static final int FILE = 2;

    public boolean isDirectory() {
        return type == DIRECTORY;
    }

    public boolean isFile() {
        return type == FILE;
    }

    static Link from(JsonObject o) {
        return new Link(KuboJson.text(o, "Name"), KuboJson.cid(o, "Hash"), KuboJson.number(o, "Size"),
                (int) KuboJson.number(o, "Type"));
    }
}

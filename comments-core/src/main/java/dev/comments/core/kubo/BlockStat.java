package dev.comments.core.kubo;

import dev.comments.core.cid.Cid;
import jakarta.json.JsonObject;

/** What {@code block/put} stored: the block's CID and its size in bytes. */
public record BlockStat(Cid key, long size) {

    static BlockStat from(JsonObject o) {
        return new BlockStat(KuboJson.cid(o, "Key"), KuboJson.number(o, "Size"));
    }
}

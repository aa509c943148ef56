package dev.comments.core.kubo;

import dev.comments.core.cid.Cid;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * Reads the fields of kubo's answers the way kubo writes them: Go's {@code null} for
 * an empty list, sizes sometimes as numbers and sometimes as strings ({@code add}),
 * CIDs as strings or as IPLD links {@code {"/": "<cid>"}} ({@code repo/gc}).
 * A missing or mistyped field throws, and {@link KuboRpc} reports the whole answer.
 */
final class KuboJson {

    private KuboJson() {
    }

    static String text(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return "";
        }
        return ((JsonString) v).getString();
    }

    static List<String> texts(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        return v.asJsonArray().getValuesAs(JsonString::getString);
    }

    static List<JsonObject> objects(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        return v.asJsonArray().getValuesAs(JsonObject.class);
    }

    static long number(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v instanceof JsonNumber n) {
            return n.longValueExact();
        }
        if (v instanceof JsonString s) {
            return Long.parseLong(s.getString());
        }
        throw new IllegalStateException("no number in field " + key);
    }

    /**
     * A CID field. {@link Cid} accepts only base32 CIDv1, which kubo writes when its repo is
     * configured by scripts/kubo-configure ({@code Import.CidVersion=1}); a CIDv0 here means
     * a daemon configured otherwise, and the message says so.
     */
    static Cid cid(JsonObject o, String key) {
        JsonValue v = o.get(key);
        String text = v instanceof JsonObject link ? link.getString("/") : ((JsonString) v).getString();
        try {
            return Cid.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field " + key + " is not a base32 CIDv1 (" + text
                    + "); is the daemon configured by scripts/kubo-configure (Import.CidVersion=1)?", e);
        }
    }
}

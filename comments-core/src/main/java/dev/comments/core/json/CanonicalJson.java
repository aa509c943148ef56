package dev.comments.core.json;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical JSON (RFC 8785) for the value types a comment has: objects with string
 * keys, strings, integers within ±(2^53-1), and null. Output equals ECMAScript
 * {@code JSON.stringify} of the same value with keys sorted by UTF-16 code units.
 *
 * <p>Written here rather than taken from a library on purpose: the only RFC 8785
 * library on Maven Central (io.github.erdtman:java-json-canonicalization 1.1, 2018)
 * writes a lone surrogate raw, which UTF-8 encoding then turns into '?', while
 * {@code JSON.stringify} writes {@code \ud800}; Jackson escapes control characters with
 * upper-case hex. Either would make a browser's signature fail to verify here. Our
 * types need no number formatting beyond integers, so the encoder stays this small;
 * the shared vectors and the property tests pin it to JSON.stringify.
 */
public final class CanonicalJson {

    /** The largest integer JSON.stringify writes exactly (Number.MAX_SAFE_INTEGER). */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private CanonicalJson() {
    }

    public static byte[] encode(Map<String, ?> object) {
        return toText(object).getBytes(StandardCharsets.UTF_8);
    }

    public static String toText(Map<String, ?> object) {
        StringBuilder out = new StringBuilder(256);
        writeValue(out, object);
        return out.toString();
    }

    private static void writeValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(out, s);
        } else if (value instanceof Integer i) {
            out.append(i.intValue());
        } else if (value instanceof Long l) {
            writeLong(out, l);
        } else if (value instanceof Map<?, ?> m) {
            writeObject(out, m);
        } else {
            throw new IllegalArgumentException(
                    "canonical JSON here covers strings, integers, null and objects, not " + value.getClass().getName());
        }
    }

    private static void writeLong(StringBuilder out, long l) {
        if (Math.abs(l) > MAX_SAFE_INTEGER) {
            throw new IllegalArgumentException("integer outside the range JSON numbers hold exactly: " + l);
        }
        out.append(l);
    }

    private static void writeObject(StringBuilder out, Map<?, ?> map) {
        // String.compareTo orders by UTF-16 code units, which is what RFC 8785 §3.2.3 asks for.
        TreeMap<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("object keys must be strings");
            }
            sorted.put(key, e.getValue());
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, e.getKey());
            out.append(':');
            writeValue(out, e.getValue());
        }
        out.append('}');
    }

    /** A string as a JSON string literal, exactly as {@code JSON.stringify} writes it. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        writeString(out, s);
        return out.toString();
    }

    /** ECMAScript QuoteJSONString (ES2019+: lone surrogates escaped as \\uXXXX, lower-case hex). */
    static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        appendUnicodeEscape(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        appendUnicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void appendUnicodeEscape(StringBuilder out, char c) {
        out.append("\\u");
        String hex = Integer.toHexString(c);
        out.append("0".repeat(4 - hex.length())).append(hex);
    }
}

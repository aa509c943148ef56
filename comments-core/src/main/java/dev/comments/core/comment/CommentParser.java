package dev.comments.core.comment;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a comment from bytes with the field set and JSON types of docs/protocol.md §3 and
 * nothing else: no extra, missing or repeated field, no other type, strict UTF-8.
 * Values are checked by {@link CommentVerifier}.
 */
final class CommentParser {

    /** The fields every comment has. */
    static final Set<String> FIELDS = Set.of("v", "url", "parent", "author", "text", "ts", "key", "sig");
    /** The field only a version 2 comment has, and must have (docs/protocol.md §3.9). */
    static final String NONCE = "nonce";
    /** The field only a version 3 record has, and must have (docs/protocol.md §3.10). */
    static final String KIND = "kind";
    private static final JsonParserFactory FACTORY = Json.createParserFactory(Map.of());

    private CommentParser() {
    }

    static Comment parse(byte[] bytes) throws InvalidCommentException {
        if (bytes.length > CommentLimits.MAX_FILE_BYTES) {
            throw new InvalidCommentException(Rejection.TOO_LARGE,
                    "the comment has " + bytes.length + " bytes; at most " + CommentLimits.MAX_FILE_BYTES + " are allowed");
        }
        Map<String, Object> values = readObject(decodeUtf8(bytes));
        for (String field : FIELDS) {
            if (!values.containsKey(field)) {
                throw new InvalidCommentException(Rejection.MISSING_FIELD, "missing field: " + field);
            }
        }
        long v = number(values, "v");
        String url = string(values, "url");
        String parent = nullableString(values, "parent");
        String author = string(values, "author");
        String text = string(values, "text");
        long ts = number(values, "ts");
        Long nonce = values.containsKey(NONCE) ? number(values, NONCE) : null;
        String kind = values.containsKey(KIND) ? string(values, KIND) : null;
        return new Comment(v, url, parent, author, text, ts, string(values, "key"), string(values, "sig"), nonce, kind);
    }

    private static String decodeUtf8(byte[] bytes) throws InvalidCommentException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidCommentException(Rejection.NOT_UTF8);
        }
    }

    /**
     * One flat object; values are String, Long (whole numbers), a marker for other numbers, null, or a type name.
     * The whole text is checked to be one JSON value before any name is looked at, so that a text that is both
     * malformed and has a foreign name is {@code not-json} here as in every reader (docs/protocol.md §3.7).
     */
    private static Map<String, Object> readObject(String text) throws InvalidCommentException {
        requireOneJsonValue(text);
        Map<String, Object> values = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(new StringReader(text))) {
            if (parser.next() != Event.START_OBJECT) {
                throw new InvalidCommentException(Rejection.NOT_AN_OBJECT);
            }
            while (parser.next() != Event.END_OBJECT) {
                String name = parser.getString();
                if (!FIELDS.contains(name) && !NONCE.equals(name) && !KIND.equals(name)) {
                    throw new InvalidCommentException(Rejection.UNKNOWN_FIELD, "unknown field: " + clip(name));
                }
                if (values.containsKey(name)) {
                    throw new InvalidCommentException(Rejection.DUPLICATE_FIELD, "field appears twice: " + name);
                }
                values.put(name, readValue(parser, parser.next()));
            }
            if (parser.hasNext()) {
                throw new InvalidCommentException(Rejection.NOT_JSON, "there is more after the comment object");
            }
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            throw new InvalidCommentException(Rejection.NOT_JSON, "the comment is not valid JSON: " + clip(e.getMessage()));
        }
        return values;
    }

    private static void requireOneJsonValue(String text) throws InvalidCommentException {
        try (JsonParser parser = FACTORY.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new InvalidCommentException(Rejection.NOT_JSON, "the comment is empty");
            }
            // Event by event, not skipObject()/skipArray(): Parsson's skipping loops forever on a
            // text that ends inside an object or array ({"v":{), which a POST could send.
            int depth = 0;
            do {
                Event event = parser.next();
                if (event == Event.START_OBJECT || event == Event.START_ARRAY) {
                    depth++;
                } else if (event == Event.END_OBJECT || event == Event.END_ARRAY) {
                    depth--;
                }
            } while (depth > 0);
            if (parser.hasNext()) {
                throw new InvalidCommentException(Rejection.NOT_JSON, "there is more after the comment's JSON value");
            }
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            throw new InvalidCommentException(Rejection.NOT_JSON, "the comment is not valid JSON: " + clip(e.getMessage()));
        }
    }

    private static Object readValue(JsonParser parser, Event event) {
        return switch (event) {
            case VALUE_STRING -> new JsonString(parser.getString());
            case VALUE_NULL -> JsonNull.NULL;
            case VALUE_NUMBER -> integral(parser.getBigDecimal());
            // Safe to skip: requireOneJsonValue has seen the whole text is well formed.
            case START_OBJECT -> { parser.skipObject(); yield "an object"; }
            case START_ARRAY -> { parser.skipArray(); yield "an array"; }
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> "an unexpected token";
        };
    }

    /**
     * A number by its value: a whole one as a long, one beyond the long range clamped to its end (it then
     * fails its range check, as in JavaScript, where it reads as a large number or Infinity), anything
     * else marked as not whole.
     */
    private static Object integral(BigDecimal n) {
        try {
            return n.longValueExact();
        } catch (ArithmeticException e) {
            if (n.scale() <= 0 || n.stripTrailingZeros().scale() <= 0) {
                return n.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
            }
            return new NonIntegral();
        }
    }

    private static long number(Map<String, Object> values, String field) throws InvalidCommentException {
        if (values.get(field) instanceof Long l) {
            return l;
        }
        if (values.get(field) instanceof NonIntegral) {
            throw new InvalidCommentException(Rejection.WRONG_TYPE, field + " must be a whole number");
        }
        throw new InvalidCommentException(Rejection.WRONG_TYPE, field + " must be a number, not " + describe(values.get(field)));
    }

    private static String string(Map<String, Object> values, String field) throws InvalidCommentException {
        if (values.get(field) instanceof JsonString s) {
            return s.value;
        }
        throw new InvalidCommentException(Rejection.WRONG_TYPE, field + " must be a string, not " + describe(values.get(field)));
    }

    private static String nullableString(Map<String, Object> values, String field) throws InvalidCommentException {
        return values.get(field) == JsonNull.NULL ? null : string(values, field);
    }

    private static String describe(Object value) {
        if (value == JsonNull.NULL) {
            return "null";
        }
        if (value instanceof JsonString) {
            return "a string";
        }
        if (value instanceof Long || value instanceof NonIntegral) {
            return "a number";
        }
        return value.toString(); // type names such as "an array" were put there by readValue
    }

    private static String clip(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 100 ? s : s.substring(0, 97) + "...";
    }

    private enum JsonNull { NULL }

    private record JsonString(String value) {
    }

    private record NonIntegral() {
    }
}

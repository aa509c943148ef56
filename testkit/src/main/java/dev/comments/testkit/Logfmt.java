package dev.comments.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict reader of one logfmt line as our processes write it ({@code EventLog}): pairs
 * {@code key=value} separated by one space, a value either bare (no space, quote, equals
 * or backslash) or quoted as a JSON string (escapes {@code \" \\ \b \f \n \r \t \\uXXXX}). Anything else
 * throws with the line, so a test that reads a log checks its format as it reads it.
 * (Written here because no maintained Java logfmt parser is published on Maven Central.)
 */
public final class Logfmt {

    private Logfmt() {
    }

    /** The pairs of the line, in order; a key seen twice keeps its first value. */
    public static Map<String, String> parse(String line) {
        Map<String, String> pairs = new LinkedHashMap<>();
        int i = 0;
        while (i < line.length()) {
            if (i > 0) {
                expect(line, i++, ' ');
            }
            int keyStart = i;
            while (i < line.length() && isKeyChar(line.charAt(i))) {
                i++;
            }
            if (i == keyStart) {
                throw new IllegalArgumentException("no key at " + keyStart + ": " + line);
            }
            String key = line.substring(keyStart, i);
            expect(line, i++, '=');
            StringBuilder value = new StringBuilder();
            if (i < line.length() && line.charAt(i) == '"') {
                i = quoted(line, i + 1, value);
            } else {
                int start = i;
                while (i < line.length() && isBare(line.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    throw new IllegalArgumentException("empty value of " + key + ": " + line);
                }
                value.append(line, start, i);
            }
            pairs.putIfAbsent(key, value.toString());
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("an empty line");
        }
        return pairs;
    }

    private static int quoted(String line, int i, StringBuilder value) {
        while (true) {
            if (i >= line.length()) {
                throw new IllegalArgumentException("an unterminated quoted value: " + line);
            }
            char c = line.charAt(i++);
            if (c == '"') {
                return i;
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("a control character in a quoted value: " + line);
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char e = line.charAt(i++);
            switch (e) {
                case '"', '\\' -> value.append(e);
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'u' -> {
                    value.append((char) Integer.parseInt(line.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("an unknown escape \\" + e + ": " + line);
            }
        }
    }

    private static void expect(String line, int i, char c) {
        if (i >= line.length() || line.charAt(i) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + i + ": " + line);
        }
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }

    private static boolean isBare(char c) {
        return c > 0x20 && c != '"' && c != '=' && c != '\\' && c != 0x7f && !Character.isWhitespace(c);
    }
}

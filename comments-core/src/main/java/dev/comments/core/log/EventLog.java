package dev.comments.core.log;

import dev.comments.core.json.CanonicalJson;
import java.io.PrintStream;
import java.time.Instant;

/**
 * The one log format of every process of a server: one line per event on standard output,
 * {@code time=… level=… proc=… event=…} followed by the event's own {@code key=value}
 * pairs (logfmt), so that a line is readable, greppable ({@code grep event=sync-round}) and
 * parsed by any logfmt reader. A value with spaces, quotes or line breaks is quoted and
 * escaped as a JSON string, so a record never spans two lines. {@link #info(String)} and its
 * kin take the pairs already written (with {@link #pairs} and {@link #quote});
 * {@link #event} writes them from key and value arguments. The watcher writes what its children print
 * in this format too ({@code ChildOutput} in watcher-agent).
 */
public final class EventLog {

    /** Values from outside (a peer's error text) are cut to this many characters. */
    public static final int MAX_VALUE = 300;

    private static final PrintStream OUT = System.out;
    private static volatile String process = System.getProperty("comments.process", "java");

    private EventLog() {
    }

    /** Names this process in every line ({@code proc=sync}); main methods call it first. */
    public static void process(String name) {
        process = name;
    }

    /** {@code fields} is {@code event=<name>} and the event's pairs, already in logfmt. */
    public static void info(String fields) {
        line("info", fields);
    }

    public static void warn(String fields) {
        line("warn", fields);
    }

    public static void error(String fields) {
        line("error", fields);
    }

    /** An event from key and value pairs: {@code event("child-started", "child", "kubo", "pid", 42)}. */
    public static void event(String level, String event, Object... keyValues) {
        line(level, "event=" + event + pairs(keyValues));
    }

    /** The line's start: time, level and this process. */
    public static String head(Instant time, String level, String proc) {
        return "time=" + time + " level=" + level + " proc=" + value(proc, MAX_VALUE);
    }

    /** {@code " k1=v1 k2=v2"}, each value quoted when it must be. */
    public static String pairs(Object... keyValues) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            out.append(' ').append(keyValues[i]).append('=').append(value(keyValues[i + 1], MAX_VALUE));
        }
        return out.toString();
    }

    /** A value that may hold spaces or quotes, quoted for a key=value line and cut to {@link #MAX_VALUE}. */
    public static String quote(Object value) {
        return quote(value, MAX_VALUE);
    }

    /**
     * A value quoted and escaped as a JSON string ({@link CanonicalJson#quote}), and also
     * DEL and the Unicode line and paragraph separators, which some readers take for line
     * breaks; cut to {@code max} characters.
     */
    public static String quote(Object value, int max) {
        String s = String.valueOf(value);
        if (s.length() > max) {
            s = s.substring(0, Math.max(0, max - 3)) + "...";
        }
        return CanonicalJson.quote(s).replace("\u007f", "\\u007f").replace("\u2028", "\\u2028")
                .replace("\u2029", "\\u2029");
    }

    /** A value as is when it needs no quotes, quoted otherwise. */
    public static String value(Object value, int max) {
        String s = String.valueOf(value);
        return !s.isEmpty() && s.length() <= max && s.chars().allMatch(EventLog::bare) ? s : quote(s, max);
    }

    private static boolean bare(int c) {
        return c > 0x20 && c < 0x7f && c != '"' && c != '=' && c != '\\'
                || c > 0x9f && !Character.isWhitespace(c) && !Character.isSurrogate((char) c) && c != '\u2028' && c != '\u2029';
    }

    private static synchronized void line(String level, String fields) {
        OUT.println(head(Instant.now(), level, process) + " " + fields);
        OUT.flush();
    }
}

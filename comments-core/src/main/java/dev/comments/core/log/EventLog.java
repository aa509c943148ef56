package dev.comments.core.log;

import dev.comments.core.json.CanonicalJson;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * The one log format of every process of a server, and the one way our code logs an event
 * (docs/adr/006-logs.md): one line per event, {@code time=… level=… proc=… event=…} followed
 * by the event's own {@code key=value} pairs (logfmt), so that a line is readable, greppable
 * ({@code grep event=sync-round}) and parsed by any logfmt reader. A value with spaces, quotes,
 * {@code =} or line breaks is quoted and escaped as a JSON string here and nowhere else, so a
 * record never spans two lines. Call sites name the event and give keys and values:
 * {@code event("warn", "child-exited", "child", "kubo", "pid", 42)}.
 *
 * <p>Lines go to standard output, unless the process provides an {@link EventSink} (the
 * server: {@code java.util.logging}, which Payara writes). The watcher writes what its
 * children print in this format too ({@code ChildOutput} in watcher-agent), with
 * {@link #head}, {@link #value} and {@link #quote}.
 */
public final class EventLog {

    /** Values from outside (a peer's error text) are cut to this many characters. */
    public static final int MAX_VALUE = 300;
    /** A stack trace is one value, cut to this many characters. */
    private static final int MAX_STACK = 16 * 1024;

    private static final PrintStream OUT = System.out;
    private static final EventSink SINK = ServiceLoader.load(EventSink.class, EventLog.class.getClassLoader())
            .findFirst().orElse(EventLog::standardOutput);
    private static volatile String process = System.getProperty("comments.process", "java");

    private EventLog() {
    }

    /** Names this process in every line ({@code proc=sync}); main methods call it first. */
    public static void process(String name) {
        process = name;
    }

    /** An event from key and value pairs; {@code level} is debug, info, warn or error. */
    public static void event(String level, String event, Object... keyValues) {
        SINK.write(level, () -> fields(event, keyValues), null);
    }

    /** An error event with the stack trace of what caused it ({@code stack="…\n\tat …"}). */
    public static void failure(String event, Throwable cause, Object... keyValues) {
        SINK.write("error", () -> fields(event, keyValues), cause);
    }

    /** {@code event=<name> k1=v1 k2=v2}: an event's part of the line, each value quoted when it must be. */
    public static String fields(String event, Object... keyValues) {
        return "event=" + event + pairs(keyValues);
    }

    /** The line's start: time, level and this process. */
    public static String head(Instant time, String level, String proc) {
        return "time=" + time + " level=" + level + " proc=" + value(proc, MAX_VALUE);
    }

    /** {@code " k1=v1 k2=v2"}, each value quoted when it must be. */
    static String pairs(Object... keyValues) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            out.append(' ').append(keyValues[i]).append('=').append(value(keyValues[i + 1], MAX_VALUE));
        }
        return out.toString();
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

    /** A failure's stack trace as one text, as {@code printStackTrace} writes it. */
    private static String stackTrace(Throwable cause) {
        StringWriter out = new StringWriter();
        cause.printStackTrace(new PrintWriter(out));
        return out.toString().stripTrailing();
    }

    private static boolean bare(int c) {
        return c > 0x20 && c < 0x7f && c != '"' && c != '=' && c != '\\'
                || c > 0x9f && !Character.isWhitespace(c) && !Character.isSurrogate((char) c) && c != '\u2028' && c != '\u2029';
    }

    private static synchronized void standardOutput(String level, Supplier<String> fields, Throwable cause) {
        String stack = cause == null ? "" : " stack=" + quote(stackTrace(cause), MAX_STACK);
        OUT.println(head(Instant.now(), level, process) + " " + fields.get() + stack);
        OUT.flush();
    }
}

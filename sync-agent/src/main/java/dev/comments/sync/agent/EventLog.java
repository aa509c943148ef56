package dev.comments.sync.agent;

import java.io.PrintStream;
import java.time.Instant;

/**
 * The agent's log: one line per event on standard output, {@code time=… level=… event=…}
 * followed by the event's own {@code key=value} pairs, so that a line is both readable
 * and greppable ({@code grep event=sync-round}).
 */
public final class EventLog {

    private static final PrintStream OUT = System.out;

    private EventLog() {
    }

    public static void info(String event) {
        line("info", event);
    }

    public static void warn(String event) {
        line("warn", event);
    }

    public static void error(String event) {
        line("error", event);
    }

    /** A value that may hold spaces or quotes, quoted for a key=value line. */
    public static String quote(Object value) {
        String s = String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
        return "\"" + (s.length() <= 300 ? s : s.substring(0, 297) + "...") + "\"";
    }

    private static synchronized void line(String level, String event) {
        OUT.println("time=" + Instant.now() + " level=" + level + " " + event);
        OUT.flush();
    }
}

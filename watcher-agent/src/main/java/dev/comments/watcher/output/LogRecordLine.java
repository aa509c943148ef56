package dev.comments.watcher.output;

import dev.comments.core.json.Jsons;
import dev.comments.core.log.EventLog;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One record a child printed, as one line of {@link EventLog}'s format:
 * <ul>
 * <li>a line already in that format ({@code time=… level=…}, our own agents) is kept as is;</li>
 * <li>a Uniform record of Payara ({@code [#|time|LEVEL|product|logger|_ThreadName=…;|message|#]},
 *     possibly over several lines, which {@link ChildOutput} gathers first) keeps its time, level,
 *     logger and thread; its message becomes {@code msg}, or, when it is one of our events
 *     ({@code event=x k=v}), the record's own pairs, with what follows it (a stack trace) as {@code stack};</li>
 * <li>a JSON record (kubo with {@code GOLOG_LOG_FMT=json}) keeps its time, level, logger, message
 *     and fields;</li>
 * <li>anything else (kubo's start-up text, a JVM warning, a crash) becomes {@code msg="…"}.</li>
 * </ul>
 */
public final class LogRecordLine {

    static final String UNIFORM_START = "[#|";
    static final String UNIFORM_END = "|#]";
    /** A message with its stack trace is kept whole up to this many characters. */
    static final int MAX_MESSAGE = 16 * 1024;
    /** A field of a JSON record up to this many. */
    static final int MAX_FIELD = 4 * 1024;

    /** A message that is one of our events, already in logfmt ({@code event=x k=v k2="a b"}). */
    private static final Pattern OUR_EVENT = Pattern.compile(
            "event=[^\\s\"=\\\\]+( [A-Za-z0-9_.-]+=([^\\s\"=\\\\]+|\"([^\"\\\\\\p{Cntrl}]|\\\\.)*\"))*");
    private static final DateTimeFormatter PAYARA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    /** The keys of a JSON record that the line's head already carries. */
    private static final Set<String> HEAD_KEYS = Set.of("ts", "time", "level", "logger", "msg");
    private static final Map<String, String> LEVELS = Map.of("SEVERE", "error", "WARNING", "warn", "INFO", "info",
            "CONFIG", "debug", "FINE", "debug", "FINER", "debug", "FINEST", "debug", "DPANIC", "error", "PANIC", "error",
            "FATAL", "error");

    private LogRecordLine() {
    }

    /** Whether a line opens a Uniform record that a later line may close. */
    static boolean opensUniform(String line) {
        return line.startsWith(UNIFORM_START) && !line.endsWith(UNIFORM_END);
    }

    static boolean closesUniform(String line) {
        return line.endsWith(UNIFORM_END);
    }

    /** The line for one record (without its final line break) that the child {@code proc} printed at {@code now}. */
    public static String of(String proc, String record, Instant now) {
        if (record.startsWith("time=") && record.contains(" level=") && record.indexOf('\n') < 0) {
            return record;
        }
        if (record.startsWith(UNIFORM_START) && record.endsWith(UNIFORM_END)) {
            String[] f = record.substring(UNIFORM_START.length(), record.length() - UNIFORM_END.length()).split("\\|", 6);
            if (f.length == 6) {
                return fromUniform(proc, f, now);
            }
        }
        if (record.startsWith("{")) {
            JsonObject json = parse(record);
            if (json != null) {
                return fromJson(proc, json, now);
            }
        }
        return EventLog.head(now, "info", proc) + " msg=" + EventLog.quote(record, MAX_MESSAGE);
    }

    /** f: time, level, product, logger, {@code _Key=value;} pairs, message. */
    private static String fromUniform(String proc, String[] f, Instant now) {
        StringBuilder out = new StringBuilder(EventLog.head(time(f[0], now), level(f[1]), proc));
        if (!f[3].isEmpty()) {
            out.append(" logger=").append(EventLog.value(f[3], MAX_FIELD));
        }
        for (String pair : f[4].split(";")) {
            if (pair.startsWith("_ThreadName=")) {
                out.append(" thread=").append(EventLog.value(pair.substring("_ThreadName=".length()), MAX_FIELD));
            } else if (pair.startsWith("_MessageID=")) {
                out.append(" msgid=").append(EventLog.value(pair.substring("_MessageID=".length()), MAX_FIELD));
            }
        }
        String message = f[5].stripTrailing();
        int lineBreak = message.indexOf('\n');
        String first = lineBreak < 0 ? message : message.substring(0, lineBreak);
        if (OUR_EVENT.matcher(first).matches()) {
            out.append(' ').append(first);
            if (lineBreak >= 0) {
                out.append(" stack=").append(EventLog.quote(message.substring(lineBreak + 1), MAX_MESSAGE));
            }
        } else if (!message.isEmpty()) {
            out.append(" msg=").append(EventLog.quote(message, MAX_MESSAGE));
        }
        return out.toString();
    }

    private static JsonObject parse(String line) {
        try (JsonReader reader = Jsons.reader(new StringReader(line))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject o ? o : null;
        } catch (JsonParsingException | IllegalStateException e) {
            return null;
        }
    }

    private static String fromJson(String proc, JsonObject json, Instant now) {
        String t = text(json, "ts", "time");
        StringBuilder out = new StringBuilder(EventLog.head(t == null ? now : time(t, now),
                level(text(json, "level") == null ? "info" : text(json, "level")), proc));
        String logger = text(json, "logger");
        if (logger != null) {
            out.append(" logger=").append(EventLog.value(logger, MAX_FIELD));
        }
        String message = text(json, "msg");
        if (message != null) {
            out.append(" msg=").append(EventLog.quote(message, MAX_MESSAGE));
        }
        for (Map.Entry<String, JsonValue> field : json.entrySet()) {
            if (!HEAD_KEYS.contains(field.getKey()) && field.getKey().matches("[A-Za-z0-9_.-]+")) {
                JsonValue v = field.getValue();
                String value = v instanceof JsonString s ? s.getString() : v.toString();
                out.append(' ').append(field.getKey()).append('=').append(EventLog.value(value, MAX_FIELD));
            }
        }
        return out.toString();
    }

    /** ISO-8601 (kubo), or Payara's {@code 2026-11-30T05:26:28.422+0000}; the watcher's time when neither. */
    private static Instant time(String t, Instant now) {
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notIso) {
            try {
                return OffsetDateTime.parse(t, PAYARA_TIME).toInstant();
            } catch (DateTimeParseException unknown) {
                return now;
            }
        }
    }

    private static String level(String level) {
        String upper = level.toUpperCase(Locale.ROOT);
        return LEVELS.getOrDefault(upper, Set.of("DEBUG", "INFO", "WARN", "ERROR").contains(upper)
                ? upper.toLowerCase(Locale.ROOT) : "info");
    }

    private static String text(JsonObject json, String... keys) {
        for (String key : keys) {
            if (json.get(key) instanceof JsonString s) {
                return s.getString();
            }
        }
        return null;
    }
}

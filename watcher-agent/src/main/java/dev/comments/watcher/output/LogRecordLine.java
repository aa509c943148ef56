package dev.comments.watcher.output;

import dev.comments.core.log.EventLog;
import jakarta.json.Json;
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
 * One line a child printed, as one record of {@link EventLog}'s format:
 * <ul>
 * <li>a line already in that format ({@code time=… level=…}, our own agents) is kept as is;</li>
 * <li>a JSON record (Payara's JSONLogFormatter, kubo with {@code GOLOG_LOG_FMT=json}) keeps its
 *     time, level, logger and message, and its exception and stack trace as escaped values; a
 *     message that is one of our events ({@code event=…}) is kept unquoted, as the agents write it;</li>
 * <li>anything else (kubo's start-up text, a JVM warning, a crash) becomes {@code msg="…"}.</li>
 * </ul>
 */
public final class LogRecordLine {

    /** A stack trace is kept whole up to this many characters. */
    static final int MAX_STACK = 16 * 1024;
    /** Any other value (a message, a kubo field) up to this many. */
    static final int MAX_FIELD = 4 * 1024;

    /** A message that is one of our events, already in logfmt ({@code event=x k=v k2="a b"}). */
    private static final Pattern OUR_EVENT = Pattern.compile(
            "event=[^\\s\"=\\\\]+( [A-Za-z0-9_.-]+=([^\\s\"=\\\\]+|\"([^\"\\\\\\p{Cntrl}]|\\\\.)*\"))*");
    private static final DateTimeFormatter PAYARA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    /** Payara's record keys that say nothing an operator needs (or repeat another key). */
    private static final Set<String> SKIPPED = Set.of("Version", "ThreadID", "TimeMillis", "LevelValue", "Timestamp", "ts",
            "time", "Level", "level", "LoggerName", "logger", "LogMessage", "msg", "Throwable");
    private static final Map<String, String> LEVELS = Map.of("SEVERE", "error", "WARNING", "warn", "INFO", "info",
            "CONFIG", "debug", "FINE", "debug", "FINER", "debug", "FINEST", "debug", "DPANIC", "error", "PANIC", "error",
            "FATAL", "error");

    private LogRecordLine() {
    }

    /** The record for one line (without its line break) that the child {@code proc} printed at {@code now}. */
    public static String of(String proc, String line, Instant now) {
        if (line.startsWith("time=") && line.contains(" level=")) {
            return line;
        }
        if (line.startsWith("{")) {
            JsonObject json = parse(line);
            if (json != null) {
                return fromJson(proc, json, now);
            }
        }
        return EventLog.head(now, "info", proc) + " msg=" + EventLog.quote(line, MAX_FIELD);
    }

    private static JsonObject parse(String line) {
        try (JsonReader reader = Json.createReader(new StringReader(line))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject o ? o : null;
        } catch (JsonParsingException | IllegalStateException e) {
            return null;
        }
    }

    private static String fromJson(String proc, JsonObject json, Instant now) {
        StringBuilder out = new StringBuilder(EventLog.head(time(json, now), level(json), proc));
        String logger = text(json, "LoggerName", "logger");
        if (logger != null) {
            out.append(" logger=").append(EventLog.value(logger, MAX_FIELD));
        }
        String message = text(json, "LogMessage", "msg");
        JsonObject thrown = json.get("Throwable") instanceof JsonObject t ? t : null;
        if (message == null && thrown != null) {
            message = text(thrown, "Exception");
        }
        if (message != null && OUR_EVENT.matcher(message).matches()) {
            out.append(' ').append(message);
        } else if (message != null) {
            out.append(" msg=").append(EventLog.quote(message, MAX_FIELD));
        }
        if (thrown != null && text(thrown, "StackTrace") != null) {
            out.append(" stack=").append(EventLog.quote(text(thrown, "StackTrace"), MAX_STACK));
        }
        for (Map.Entry<String, JsonValue> field : json.entrySet()) {
            if (!SKIPPED.contains(field.getKey()) && field.getKey().matches("[A-Za-z0-9_.-]+")) {
                JsonValue v = field.getValue();
                String value = v instanceof JsonString s ? s.getString() : v.toString();
                out.append(' ').append(field.getKey()).append('=').append(EventLog.value(value, MAX_FIELD));
            }
        }
        return out.toString();
    }

    private static Instant time(JsonObject json, Instant now) {
        String t = text(json, "Timestamp", "ts", "time");
        if (t == null) {
            return now;
        }
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

    private static String level(JsonObject json) {
        String level = text(json, "Level", "level");
        if (level == null) {
            return "info";
        }
        String upper = level.toUpperCase(Locale.ROOT);
        return LEVELS.getOrDefault(upper, upper.matches("[A-Z]+") ? level.toLowerCase(Locale.ROOT) : "info");
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

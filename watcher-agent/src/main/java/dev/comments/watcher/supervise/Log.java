package dev.comments.watcher.supervise;

import java.time.Instant;

/** One line per event, {@code key=value}, to standard output (the service manager keeps it). */
public final class Log {

    private Log() {
    }

    public static synchronized void event(String event, Object... keyValues) {
        StringBuilder line = new StringBuilder(128).append(Instant.now()).append(" event=").append(event);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            String value = String.valueOf(keyValues[i + 1]);
            line.append(' ').append(keyValues[i]).append('=');
            line.append(value.matches("[^\\s\"=]+") ? value : '"' + value.replace("\"", "'") + '"');
        }
        System.out.println(line);
    }
}

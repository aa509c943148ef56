package dev.comments.watcher.output;

import dev.comments.core.log.EventLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Carries what a child prints (standard output and error, merged) into its log file, one
 * {@link LogRecordLine} per line, so that every line of every log of a server is one
 * record of the same format, whatever the child is: our agents, Payara, kubo, or the JVM
 * complaining. One thread per child, until the child's output closes; the file rotates by
 * size ({@link RotatingLog}). It never stops
 * reading while the child runs (a full pipe would block the child): a line that cannot be
 * written is dropped and said once on the watcher's own log.
 */
public final class ChildOutput {

    /** A longer line (a child gone wrong) is cut here and the rest of it skipped. */
    static final int MAX_LINE = 64 * 1024;

    private ChildOutput() {
    }

    /** Starts the thread that copies {@code output} to {@code log}; it ends with the output. */
    public static Thread start(String child, InputStream output, Path log) {
        return Thread.ofPlatform().daemon().name("output-" + child)
                .start(() -> copy(child, output, log, RotatingLog.MAX_BYTES, RotatingLog.KEEP));
    }

    static void copy(String child, InputStream output, Path log, long maxBytes, int keep) {
        boolean warned = false;
        try (InputStream in = output; RotatingLog file = new RotatingLog(log, maxBytes, keep)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            boolean cut = false;
            int b;
            while ((b = in.read()) != -1) {
                if (b != '\n' && line.size() < MAX_LINE) {
                    line.write(b);
                    continue;
                }
                if (b != '\n') {
                    cut = true; // skip to the line's end
                    continue;
                }
                warned |= write(child, file, line, cut, warned);
                line.reset();
                cut = false;
            }
            if (line.size() > 0) {
                write(child, file, line, cut, warned);
            }
        } catch (IOException e) {
            EventLog.event("warn", "child-output-failed", "child", child, "log", log, "error", e.getMessage());
        }
    }

    /** Writes one record; returns true when it could not (said once per child run). */
    private static boolean write(String child, RotatingLog file, ByteArrayOutputStream line, boolean cut, boolean warned) {
        String text = line.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        String record = LogRecordLine.of(child, text, Instant.now()) + (cut ? " cut_at_bytes=" + MAX_LINE : "") + "\n";
        try {
            file.write(record.getBytes(StandardCharsets.UTF_8));
            return false;
        } catch (IOException e) {
            if (!warned) {
                EventLog.event("warn", "child-log-write-failed", "child", child, "error", e.getMessage(),
                        "action", "lines are dropped until the log can be written again");
            }
            return true;
        }
    }
}

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
 * {@link LogRecordLine} per record, so that every line of every log of a server is one
 * record of the same format, whatever the child is: our agents, Payara, kubo, or the JVM
 * complaining. A Payara record that spans lines (a stack trace) is gathered up to its end
 * marker first; blank lines are dropped. One thread per child, until the child's output
 * closes; the file rotates by size ({@link RotatingLog}). It never stops reading while the
 * child runs (a full pipe would block the child): a record that cannot be written is
 * dropped and said once on the watcher's own log.
 */
public final class ChildOutput {

    /** A longer line (a child gone wrong) is cut here and the rest of it skipped. */
    static final int MAX_LINE = 64 * 1024;
    /** A record over several lines is written as it is once it grows past this. */
    static final int MAX_RECORD = 256 * 1024;

    private final String child;
    private final RotatingLog file;
    /** A Uniform record whose end marker has not come yet. */
    private final StringBuilder open = new StringBuilder();
    private boolean warned;

    private ChildOutput(String child, RotatingLog file) {
        this.child = child;
        this.file = file;
    }

    /** Starts the thread that copies {@code output} to {@code log}; it ends with the output. */
    public static Thread start(String child, InputStream output, Path log) {
        return Thread.ofPlatform().daemon().name("output-" + child)
                .start(() -> copy(child, output, log, RotatingLog.MAX_BYTES, RotatingLog.KEEP));
    }

    static void copy(String child, InputStream output, Path log, long maxBytes, int keep) {
        try (InputStream in = output; RotatingLog file = new RotatingLog(log, maxBytes, keep)) {
            ChildOutput out = new ChildOutput(child, file);
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            boolean cut = false;
            int b;
            while ((b = in.read()) != -1) {
                if (b != '\n' && line.size() < MAX_LINE) {
                    line.write(b);
                } else if (b != '\n') {
                    cut = true; // skip to the line's end
                } else {
                    out.line(line.toString(StandardCharsets.UTF_8), cut);
                    line.reset();
                    cut = false;
                }
            }
            out.line(line.toString(StandardCharsets.UTF_8), cut);
            if (!out.open.isEmpty()) {
                out.write(out.open.toString(), false); // the child ended inside a record
            }
        } catch (IOException e) {
            EventLog.event("warn", "child-output-failed", "child", child, "log", log, "error", e.getMessage());
        }
    }

    private void line(String text, boolean cut) {
        String line = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        if (!open.isEmpty()) {
            open.append('\n').append(line);
            if (LogRecordLine.closesUniform(line) || open.length() > MAX_RECORD) {
                write(open.toString(), false);
                open.setLength(0);
            }
        } else if (LogRecordLine.opensUniform(line)) {
            open.append(line);
        } else if (!line.isBlank()) {
            write(line, cut);
        }
    }

    private void write(String record, boolean cut) {
        String line = LogRecordLine.of(child, record, Instant.now()) + (cut ? " cut_at_bytes=" + MAX_LINE : "") + "\n";
        try {
            file.write(line.getBytes(StandardCharsets.UTF_8));
            warned = false;
        } catch (IOException e) {
            if (!warned) {
                EventLog.event("warn", "child-log-write-failed", "child", child, "error", e.getMessage(),
                        "action", "records are dropped until the log can be written again");
                warned = true;
            }
        }
    }
}

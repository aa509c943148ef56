package dev.comments.server.log;

import dev.comments.core.log.EventLog;
import dev.comments.core.log.EventSink;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's events through {@code java.util.logging}, which Payara's handler writes to its
 * log (docs/adr/006-logs.md): {@link EventLog} finds this sink through
 * {@code META-INF/services}, so server code logs with {@link EventLog#event} like every other
 * process. The record's message is the event's fields, formatted by {@link EventLog}; its
 * logger is the class that logged, as it was when each class had its own {@link Logger}.
 */
public final class JavaLoggingSink implements EventSink {

    private static final StackWalker STACK = StackWalker.getInstance();
    private static final String LOG_PACKAGE = EventLog.class.getPackageName() + ".";

    @Override
    public void write(String level, Supplier<String> fields, Throwable cause) {
        Logger logger = Logger.getLogger(caller());
        Level julLevel = level(level);
        if (logger.isLoggable(julLevel)) {
            logger.log(julLevel, fields.get(), cause);
        }
    }

    private static Level level(String level) {
        return switch (level) {
            case "debug" -> Level.FINE;
            case "warn" -> Level.WARNING;
            case "error" -> Level.SEVERE;
            default -> Level.INFO;
        };
    }

    /** The class that called {@link EventLog}. */
    private static String caller() {
        return STACK.walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .filter(c -> !c.startsWith(LOG_PACKAGE) && !c.equals(JavaLoggingSink.class.getName()))
                .findFirst().orElse(JavaLoggingSink.class.getName()));
    }
}

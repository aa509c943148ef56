package dev.comments.core.log;

import java.util.function.Supplier;

/**
 * Where {@link EventLog} hands its records. Standard output unless the process provides
 * another through {@link java.util.ServiceLoader}: the server runs inside Payara Micro, whose
 * log handler writes what goes through {@code java.util.logging}, so it provides one for that
 * ({@code server-war}'s {@code JavaLoggingSink}). A sink only carries the record: the format
 * and its quoting stay in {@link EventLog}.
 */
public interface EventSink {

    /**
     * One record. {@code fields} is {@code event=<name> k=v …}, formatted only when called, so
     * that a sink that drops the level costs nothing; {@code cause} is null or the failure
     * whose stack trace belongs to the record.
     */
    void write(String level, Supplier<String> fields, Throwable cause);
}

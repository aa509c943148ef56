package dev.comments.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * When a test fails, prints the last lines of every log of the network (watchers, kubo, Payara,
 * sync agents, client server), so that CI output says what the processes saw. Never retries.
 */
public final class LogTails implements TestWatcher {

    private static final int LINES = 25;
    private static volatile Supplier<List<Path>> logs = List::of;

    public static void watch(Supplier<List<Path>> source) {
        logs = source;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        System.err.println("=== " + context.getDisplayName() + " failed: " + cause + "; the logs end with:");
        for (Path log : logs.get()) {
            try {
                List<String> lines = Files.readAllLines(log);
                System.err.println("--- " + log + " (last " + Math.min(LINES, lines.size()) + " lines)");
                lines.subList(Math.max(0, lines.size() - LINES), lines.size()).forEach(l -> System.err.println("  " + l));
            } catch (IOException | RuntimeException e) {
                System.err.println("--- " + log + ": unreadable (" + e + ")");
            }
        }
    }
}

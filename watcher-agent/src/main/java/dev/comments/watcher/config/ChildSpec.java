package dev.comments.watcher.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One supervised process: how to start it, where it logs, how to probe it, and the memory
 * it may use (resident set of its whole process tree). Children start in list order.
 * {@code scratchDir}, when not null, is emptied before every start: Payara Micro's runtime
 * folder, which would otherwise deploy the application it remembers on top of the new one.
 */
public record ChildSpec(
        String name,
        List<String> command,
        Path workDir,
        Map<String, String> env,
        Path log,
        ProbeSpec probe,
        long memoryLimitBytes,
        int memoryChecks,
        Duration readyTimeout,
        Duration stopGrace,
        Duration restartEvery,
        Path scratchDir) {

    public ChildSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        if (!name.matches("[a-z0-9-]{1,32}")) {
            throw new IllegalArgumentException("a child's name is 1-32 of a-z, 0-9 and '-': " + name);
        }
        if (command.isEmpty()) {
            throw new IllegalArgumentException("child " + name + " has no command");
        }
    }
}

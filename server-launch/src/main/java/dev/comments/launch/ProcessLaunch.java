package dev.comments.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One process of a server as {@link ServerLaunch} defines it: the command line and the
 * environment it adds to its parent's. The watcher wraps it with probes and limits; the
 * testkit starts it directly; both get the same process.
 */
public record ProcessLaunch(String name, List<String> command, Map<String, String> env) {

    public ProcessLaunch {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    /** The same process with more arguments after its command line (a subcommand, say). */
    public ProcessLaunch withArguments(List<String> arguments) {
        List<String> longer = new ArrayList<>(command);
        longer.addAll(arguments);
        return new ProcessLaunch(name, longer, env);
    }

    /** A builder for this process with its environment added to the parent's. */
    public ProcessBuilder builder() {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        return builder;
    }
}

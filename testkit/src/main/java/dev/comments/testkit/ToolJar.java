package dev.comments.testkit;

import dev.comments.launch.ServerSettings;
import dev.comments.launch.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An operator's command as an operator runs it: {@code java -jar <module>/target/<module>.jar
 * args...} in its own process, with a server's settings in its environment and no other
 * {@code COMMENTS_*}; what it printed (both streams) and its exit code.
 */
public final class ToolJar {

    public record Run(int exit, String out) {
    }

    private ToolJar() {
    }

    /** The jar a module of this repository builds. */
    public static Run run(String module, ServerSettings settings, Duration within, String... args)
            throws IOException, InterruptedException {
        return run(Repository.root().resolve(module).resolve("target").resolve(module + ".jar"), settings, within, args);
    }

    /** Any jar (the one a tarball ships, say). */
    public static Run run(Path jar, ServerSettings settings, Duration within, String... args)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is not built: run mvn package first");
        }
        String module = jar.getFileName().toString();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Setting.clearFrom(builder.environment());
        builder.environment().putAll(settings.env());
        Process process = builder.start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(module + " did not finish within " + within + ": " + out);
            }
            return new Run(process.exitValue(), out);
        } finally {
            process.destroyForcibly();
        }
    }
}

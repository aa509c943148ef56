package dev.comments.bench;

import dev.comments.core.json.Jsons;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's wrk, with a Lua script whose done() prints one line "BENCH-JSON {...}". */
final class Wrk {

    private Wrk() {
    }

    /**
     * Runs wrk for {@code seconds} with {@code threads} threads and {@code connections}
     * connections; {@code scriptArgs} go to the script's init(). Returns the script's JSON.
     */
    static JsonObject run(Path script, String url, int threads, int connections, int seconds, Path log,
            String... scriptArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s", "-s", script.toString(), url));
        if (scriptArgs.length > 0) {
            cmd.add("--");
            cmd.addAll(List.of(scriptArgs));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try {
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("wrk did not finish: " + cmd);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        Files.writeString(log, String.join(" ", cmd) + "\n" + out + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        for (String line : out.split("\n")) {
            if (line.startsWith("BENCH-JSON ")) {
                return Jsons.reader(new StringReader(line.substring("BENCH-JSON ".length()))).readObject();
            }
        }
        throw new IOException("wrk printed no result (exit " + p.exitValue() + "): " + out);
    }
}

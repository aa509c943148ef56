package dev.comments.bench;

import dev.comments.testkit.Jcmd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import one.convert.Arguments;
import one.convert.JfrToFlame;

/**
 * bench --profile: a JFR recording of the server's JVM (jcmd, settings "profile": a Java
 * stack every 10 ms) while a row's runs are measured, turned into an HTML flame graph of
 * where its CPU went, beside the results (bench/results/&lt;date&gt;-&lt;commit&gt;-&lt;row&gt;.html).
 * The bench's own reads of /metrics between runs are left out of the graph.
 */
final class Profile {

    private final long pid;
    private final String name;
    private final Path jfr;

    private Profile(long pid, String name, Path jfr) {
        this.pid = pid;
        this.name = name;
        this.jfr = jfr;
    }

    static Profile start(long pid, String name, Path dir) throws IOException {
        Path jfr = Files.createDirectories(dir).resolve(name + ".jfr");
        Jcmd.run(pid, "JFR.start", "name=" + name, "settings=profile");
        return new Profile(pid, name, jfr);
    }

    /** Stops the recording and writes the flame graph; returns its file. */
    Path stop(Path html, String title) throws IOException {
        Jcmd.run(pid, "JFR.stop", "name=" + name, "filename=" + jfr);
        Arguments args = new Arguments("--title", title, "--exclude", ".*MetricsResource.*");
        JfrToFlame.convert(jfr.toString(), html.toString(), args);
        return html;
    }
}

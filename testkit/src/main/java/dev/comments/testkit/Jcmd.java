package dev.comments.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JDK's jcmd on a running JVM (a server the test or the bench started): its one way to be called. */
public final class Jcmd {

    /** "garbage-first heap   total reserved 524288K, committed 191488K, used 56260K [...]" (JDK 25's words). */
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total\\b[^\\n]*?\\bused (\\d+)K");

    private Jcmd() {
    }

    /** Runs {@code jcmd pid command...}; returns what it printed, or fails with it. */
    public static String run(long pid, String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid)));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("jcmd " + pid + " " + String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The heap in use right after a full collection (System.gc(), which G1 makes a full one), in bytes. */
    public static long heapUsedAfterFullGc(long pid) throws IOException {
        run(pid, "GC.run");
        String info = run(pid, "GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        if (!m.find()) {
            throw new IOException("no \"heap total … used …K\" in jcmd GC.heap_info: " + info);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }
}

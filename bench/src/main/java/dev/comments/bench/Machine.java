package dev.comments.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on: cores, memory, load, versions, commit. */
final class Machine {

    final Path repo;
    final int cores = Runtime.getRuntime().availableProcessors();
    final String cpu;
    final long memoryMiB;
    final String kernel;
    final String loadStart;
    String loadEnd;
    final Instant start = Instant.now();
    Instant end;
    final String commit;
    final boolean dirty;
    final Map<String, String> versions = new LinkedHashMap<>();

    private Machine(Path repo) {
        this.repo = repo;
        this.cpu = firstMatch(Path.of("/proc/cpuinfo"), "model name").replaceFirst("^[^:]*:\\s*", "");
        this.memoryMiB = Long.parseLong(firstMatch(Path.of("/proc/meminfo"), "MemTotal").replaceAll("[^0-9]", "")) / 1024;
        this.kernel = command("uname", "-r");
        this.loadStart = loadavg();
        this.commit = command("git", "-C", repo.toString(), "rev-parse", "--short", "HEAD");
        this.dirty = !command("git", "-C", repo.toString(), "status", "--porcelain", "--untracked-files=no").isBlank();
    }

    static Machine describe(Path repo) {
        Machine m = new Machine(repo);
        m.versions.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.versions.put("kubo", command(repo.resolve(".tools/bin/ipfs").toString(), "version", "--number"));
        try (var jars = Files.newDirectoryStream(repo.resolve("server-war/target"), "payara-micro-*.jar")) {
            for (Path j : jars) {
                m.versions.put("payara-micro", j.getFileName().toString().replace("payara-micro-", "").replace(".jar", ""));
            }
        } catch (IOException e) {
            m.versions.put("payara-micro", "?");
        }
        m.versions.put("nginx", command("nginx", "-v").replace("nginx version: nginx/", ""));
        m.versions.put("wrk", command("wrk", "-v").lines().findFirst().orElse("?").replaceAll("\\s+Copyright.*", ""));
        m.versions.put("chromium", command("/usr/bin/chromium", "--version").lines()
                .filter(l -> l.startsWith("Chromium")).findFirst().orElse("?"));
        m.versions.put("node", command("node", "--version"));
        m.versions.put("node (browser driver)", command(ClientPhase.browserNode(repo).toString(), "--version"));
        return m;
    }

    void finish() {
        end = Instant.now();
        loadEnd = loadavg();
    }

    String summary() {
        return cores + " cores (" + cpu + "), " + memoryMiB + " MiB, Linux " + kernel + ", load average " + loadStart
                + "; commit " + commit + (dirty ? " (with uncommitted changes)" : "");
    }

    static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String firstMatch(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    static String command(String... cmd) {
        try {
            Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(20, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}

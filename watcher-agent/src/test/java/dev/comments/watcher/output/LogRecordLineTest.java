package dev.comments.watcher.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.log.EventLog;
import dev.comments.testkit.Logfmt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever a child prints becomes records of the one log format (lines as Payara, kubo and the JVM print them). */
class LogRecordLineTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void ourOwnRecordsAreKeptAsTheyAre() {
        String line = EventLog.head(NOW, "info", "sync") + " event=sync-round round=3 daemon=up";
        assertEquals(line, LogRecordLine.of("sync", line, NOW));
    }

    @Test
    void payarasUniformRecordKeepsItsTimeLevelLoggerThreadAndMessage() {
        Map<String, String> r = record("server", "[#|2026-11-30T07:04:10.685+0000|INFO||PayaraMicro|_ThreadID=3;"
                + "_ThreadName=main;_TimeMillis=1796022250685;_LevelValue=800;|Payara Micro URLs:\nhttp://127.0.0.2:8000/\n|#]");
        assertEquals("2026-11-30T07:04:10.685Z", r.get("time"));
        assertEquals("info", r.get("level"));
        assertEquals("server", r.get("proc"));
        assertEquals("PayaraMicro", r.get("logger"));
        assertEquals("main", r.get("thread"));
        assertEquals("Payara Micro URLs:\nhttp://127.0.0.2:8000/", r.get("msg"));
        assertFalse(r.containsKey("LevelValue"), "Payara's noise is left out");
    }

    @Test
    void ourEventWithAnExceptionBecomesFieldsAndOneStackValue() {
        Map<String, String> r = record("server", "[#|2026-11-30T07:04:15.129+0000|SEVERE||dev.comments.server.errors."
                + "UnexpectedExceptionMapper|_ThreadID=80;_ThreadName=http-thread-pool::http-listener(3);_MessageID=X-1;|"
                + "event=unexpected-error incident=4f2a\njava.lang.IllegalStateException: boom | with a bar\n"
                + "\tat dev.comments.X.y(X.java:1)\nCaused by: java.io.IOException: disk\n|#]");
        assertEquals("error", r.get("level"));
        assertEquals("unexpected-error", r.get("event"), "our event is a field of its own, as in the agents' logs");
        assertEquals("4f2a", r.get("incident"));
        assertEquals("X-1", r.get("msgid"));
        assertEquals("http-thread-pool::http-listener(3)", r.get("thread"));
        assertEquals("java.lang.IllegalStateException: boom | with a bar\n\tat dev.comments.X.y(X.java:1)\n"
                + "Caused by: java.io.IOException: disk", r.get("stack"));
        assertFalse(r.containsKey("msg"));
    }

    @Test
    void anEventMessageThatIsNotCleanLogfmtIsQuotedWhole() {
        Map<String, String> r = record("server", "[#|2026-11-30T07:04:15.129+0000|WARNING||x|_ThreadName=main;|"
                + "event=oops error=\"unclosed|#]");
        assertEquals("warn", r.get("level"));
        assertEquals("event=oops error=\"unclosed", r.get("msg"));
        assertFalse(r.containsKey("event"));
    }

    @Test
    void kubosJsonRecordKeepsItsFields() {
        Map<String, String> r = record("kubo", "{\"level\":\"warn\",\"ts\":\"2026-11-30T05:44:22.721Z\",\"logger\":\"dht/RtRefreshManager\","
                + "\"caller\":\"rtrefresh/rt_refresh_manager.go:233\",\"msg\":\"failed when refreshing routing table\","
                + "\"error\":\"failed to query for self\\nfailed to refresh cpl=0\",\"peers\":3}");
        assertEquals("2026-11-30T05:44:22.721Z", r.get("time"));
        assertEquals("warn", r.get("level"));
        assertEquals("dht/RtRefreshManager", r.get("logger"));
        assertEquals("failed when refreshing routing table", r.get("msg"));
        assertEquals("failed to query for self\nfailed to refresh cpl=0", r.get("error"));
        assertEquals("rtrefresh/rt_refresh_manager.go:233", r.get("caller"));
        assertEquals("3", r.get("peers"));
    }

    @Test
    void plainTextAndBrokenJsonBecomeAMessage() {
        for (String line : List.of("Daemon is ready", "Swarm listening on /ip4/127.0.0.2/tcp/4001 (TCP+UDP)",
                "WARNING: sun.misc.Unsafe::objectFieldOffset has been called by com.hazelcast", "{\"level\": broken",
                "\tat java.base/java.lang.Thread.run(Thread.java:1583)", "[#| not a record", "[1,2]")) {
            Map<String, String> r = record("kubo", line);
            assertEquals(NOW.toString(), r.get("time"), line);
            assertEquals("info", r.get("level"));
            assertEquals(line, r.get("msg"));
        }
    }

    @Test
    void theOutputPumpWritesOneRecordPerLineCutsAMonsterLineAndKeepsTheLastUnfinishedOne(@TempDir Path dir)
            throws IOException {
        Path log = dir.resolve("kubo.log");
        Files.writeString(log, "an earlier line\n");
        byte[] printed = ("Initializing daemon...\r\n" + "x".repeat(ChildOutput.MAX_LINE + 10) + "\n"
                + "{\"level\":\"error\",\"msg\":\"bad \\u001b[2J\"}\n" + "\u00e9t\u00e9 \u0000 bytes\n\n  \n"
                + "[#|2026-11-30T07:04:15.129+0000|WARNING||x.Y|_ThreadName=main;|expired: [\n  [\n  Version: V3\n]|#]\n\n\n"
                + "no newline at the end").getBytes(StandardCharsets.UTF_8);
        ChildOutput.copy("kubo", new ByteArrayInputStream(printed), log, RotatingLog.MAX_BYTES, RotatingLog.KEEP);

        List<String> lines = Files.readAllLines(log);
        assertEquals("an earlier line", lines.get(0), "the log is appended to");
        List<Map<String, String>> records = lines.subList(1, lines.size()).stream().map(Logfmt::parse).toList();
        assertEquals(6, records.size(), "blank lines are dropped, a record over four lines is one: " + lines);
        assertEquals("Initializing daemon...", records.get(0).get("msg"));
        assertEquals(String.valueOf(ChildOutput.MAX_LINE), records.get(1).get("cut_at_bytes"));
        assertTrue(records.get(1).get("msg").startsWith("xxxx"));
        assertEquals("bad \u001b[2J", records.get(2).get("msg"));
        assertEquals("error", records.get(2).get("level"));
        assertEquals("\u00e9t\u00e9 \u0000 bytes", records.get(3).get("msg"));
        assertEquals("expired: [\n  [\n  Version: V3\n]", records.get(4).get("msg"));
        assertEquals("warn", records.get(4).get("level"));
        assertEquals("no newline at the end", records.get(5).get("msg"));
        assertTrue(lines.stream().allMatch(l -> l.chars().noneMatch(c -> c < 0x20)), "no control character reaches the file: " + lines.stream().map(l -> l.length() > 200 ? l.substring(0, 200) : l).toList());
    }

    @Test
    void aLogRotatesBySizeKeepingAFewOldFilesAndNoRecordIsSplit(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("server.log");
        StringBuilder printed = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            printed.append("line ").append(i).append('\n');
        }
        ChildOutput.copy("server", new ByteArrayInputStream(printed.toString().getBytes(StandardCharsets.UTF_8)), log, 1000, 2);

        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.sorted().toList();
        }
        assertEquals(List.of(log, dir.resolve("server.log.1"), dir.resolve("server.log.2")), files, "two old files kept");
        for (Path f : files) {
            assertTrue(Files.size(f) <= 1000, f + " stays under its size");
            Files.readAllLines(f).forEach(Logfmt::parse);
        }
        List<String> last = Files.readAllLines(log);
        assertEquals("line 99", Logfmt.parse(last.get(last.size() - 1)).get("msg"), "the newest records are in the log itself");
        assertEquals("line " + (99 - last.size() - Files.readAllLines(dir.resolve("server.log.1")).size()),
                Logfmt.parse(Files.readAllLines(dir.resolve("server.log.2")).getLast()).get("msg"), "nothing lost between the files");
    }

    private static Map<String, String> record(String proc, String line) {
        String record = LogRecordLine.of(proc, line, NOW);
        assertEquals(1, record.lines().count(), record);
        return Logfmt.parse(record);
    }
}

package dev.comments.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.testkit.Logfmt;
import java.time.Instant;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The one log format: whatever a value holds, a record stays one line and reads back as written. */
class EventLogTest {

    @Test
    void aRecordHasTimeLevelProcessThenTheEventsPairs() {
        String line = EventLog.head(Instant.parse("2026-11-30T10:00:00Z"), "warn", "sync")
                + " event=peer-backoff" + EventLog.pairs("peer", "http://127.0.0.3:8000/", "error", "refused: \"no\"\nat all",
                        "empty", "", "list", java.util.List.of("a", "b"));
        Map<String, String> pairs = Logfmt.parse(line);
        assertEquals("2026-11-30T10:00:00Z", pairs.get("time"));
        assertEquals("warn", pairs.get("level"));
        assertEquals("sync", pairs.get("proc"));
        assertEquals("peer-backoff", pairs.get("event"));
        assertEquals("http://127.0.0.3:8000/", pairs.get("peer"));
        assertEquals("refused: \"no\"\nat all", pairs.get("error"));
        assertEquals("", pairs.get("empty"));
        assertEquals("[a, b]", pairs.get("list"));
    }

    @Property
    void anyValueStaysOnOneLineAndReadsBack(@ForAll String value) {
        String line = "event=x" + EventLog.pairs("v", value);
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.chars().noneMatch(c -> c < 0x20), line);
        if (value.length() <= EventLog.MAX_VALUE) {
            assertEquals(value, Logfmt.parse(line).get("v"));
        }
    }

    @Test
    void aLongValueIsCutSoThatAPeerCannotFloodTheLog() {
        String value = Logfmt.parse("event=x" + EventLog.pairs("v", "x".repeat(10_000))).get("v");
        assertEquals(EventLog.MAX_VALUE, value.length());
        assertTrue(value.endsWith("..."));
        assertEquals(5000, Logfmt.parse("v=" + EventLog.quote("y".repeat(5000), 8192)).get("v").length());
    }

    @Test
    void anEventsFieldsAreItsNameThenItsPairsQuotedOnlyWhenTheyMustBe() {
        assertEquals("event=peer-synced peer=http://127.0.0.3:8000/ note=\"a b\" eq=\"k=v\" n=3",
                EventLog.fields("peer-synced", "peer", "http://127.0.0.3:8000/", "note", "a b", "eq", "k=v", "n", 3));
    }

    @Test
    void theReaderIsStrict() {
        assertThrows(IllegalArgumentException.class, () -> Logfmt.parse("a=b  c=d"));
        assertThrows(IllegalArgumentException.class, () -> Logfmt.parse("a=\"b"));
        assertThrows(IllegalArgumentException.class, () -> Logfmt.parse("a b"));
        assertThrows(IllegalArgumentException.class, () -> Logfmt.parse("a="));
        assertThrows(IllegalArgumentException.class, () -> Logfmt.parse("2026-11-30 INFO started"));
    }
}

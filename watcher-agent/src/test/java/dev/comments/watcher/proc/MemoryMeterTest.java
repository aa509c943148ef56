package dev.comments.watcher.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemoryMeterTest {

    private final ProcessHandle self = ProcessHandle.current();

    @Test
    void overTheLimitCountsOnlyForTheGivenChecksInARow() {
        MemoryMeter meter = new MemoryMeter(1024, 3); // this JVM holds far more than 1 KiB
        assertEquals(Optional.empty(), meter.measure(self));
        assertEquals(Optional.empty(), meter.measure(self));
        String over = meter.measure(self).orElseThrow();
        assertTrue(over.startsWith("memory: resident ") && over.endsWith(" MiB over the limit of 0 MiB for 3 checks"), over);
        assertTrue(meter.lastBytes() > 10 * 1024 * 1024, "measured: " + meter.lastBytes());

        meter.reset();
        assertEquals(0, meter.lastBytes());
        assertEquals(Optional.empty(), meter.measure(self), "a new process starts the count over");
    }

    @Test
    void noLimitIsNeverOverButStillMeasured() {
        MemoryMeter meter = new MemoryMeter(0, 1);
        assertEquals(Optional.empty(), meter.measure(self));
        assertTrue(meter.lastBytes() > 0);
    }

    @Test
    void aReadingForTheStatusCountsNoStrike() {
        MemoryMeter meter = new MemoryMeter(1024, 2); // over on every check; restart on the second
        meter.read(self);
        meter.read(self);
        assertTrue(meter.lastBytes() > 10 * 1024 * 1024, "measured: " + meter.lastBytes());
        assertEquals(Optional.empty(), meter.measure(self), "the readings before were not checks");
        assertTrue(meter.measure(self).isPresent());
    }
}

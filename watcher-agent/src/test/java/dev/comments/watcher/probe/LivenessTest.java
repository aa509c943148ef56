package dev.comments.watcher.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.watcher.config.ProbeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LivenessTest {

    @TempDir
    Path dir;

    @Test
    void asksOncePerPeriodAndHangsOnlyAfterTheFailuresInARow() throws Exception {
        Path heartbeat = dir.resolve("heartbeat");
        ProbeSpec spec = new ProbeSpec(ProbeSpec.Type.HEARTBEAT, heartbeat.toString(), Duration.ofSeconds(1), 2,
                Duration.ofMinutes(1), Duration.ofSeconds(5));
        Liveness liveness = new Liveness(spec, new Probe(spec));
        Instant started = Instant.now().minus(Duration.ofHours(1)); // no heartbeat for an hour: failing
        liveness.reset(started);

        assertEquals(Optional.empty(), liveness.hung(started.plusSeconds(4), started), "not asked before a period");
        assertEquals(Optional.empty(), liveness.hung(started.plusSeconds(5), started), "one failure");
        assertEquals(Optional.empty(), liveness.hung(started.plusSeconds(9), started), "not asked again yet");
        String hung = liveness.hung(started.plusSeconds(10), started).orElseThrow();
        assertTrue(hung.startsWith("hung: 2 probes failed in a row, last: no heartbeat at "), hung);

        liveness.reset(started);
        liveness.hung(started.plusSeconds(5), started);
        Files.writeString(heartbeat, "");
        assertEquals(Optional.empty(), liveness.hung(started.plusSeconds(10), started), "a success starts the count over");
        Files.delete(heartbeat);
        assertEquals(Optional.empty(), liveness.hung(started.plusSeconds(15), started), "one failure again");
    }
}

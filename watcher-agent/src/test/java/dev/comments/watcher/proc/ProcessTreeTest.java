package dev.comments.watcher.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTreeTest {

    @TempDir
    Path dir;

    @Test
    void residentMemoryCoversTheProcessAndItsChildren() throws Exception {
        long self = ProcessTree.residentBytes(ProcessHandle.current());
        assertTrue(self > 10 * 1024 * 1024, "a JVM holds more than 10 MiB: " + self);
        Process child = new ProcessBuilder("sleep", "60").start();
        try {
            long withChild = ProcessTree.residentBytes(ProcessHandle.current());
            assertTrue(ProcessTree.residentBytes(child.toHandle()) > 0);
            assertTrue(withChild >= ProcessTree.residentBytes(child.toHandle()));
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(0, ProcessTree.residentBytes(child.toHandle()), "a finished process holds nothing");
    }

    @Test
    void aPidFileNamesOnlyTheVeryProcessItRecorded() throws Exception {
        PidFiles files = new PidFiles(dir);
        Process child = new ProcessBuilder("sleep", "60").start();
        try {
            files.write("kubo", child.toHandle());
            assertEquals(child.pid(), files.recorded("kubo").orElseThrow().pid());
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(files.recorded("kubo").isEmpty(), "a dead process is not recorded");
        java.nio.file.Files.writeString(dir.resolve("other.pid"), ProcessHandle.current().pid() + " 12345\n");
        assertTrue(files.recorded("other").isEmpty(), "a live pid with another start time is someone else");
        assertTrue(files.recorded("missing").isEmpty());
    }
}

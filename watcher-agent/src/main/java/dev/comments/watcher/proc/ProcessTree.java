package dev.comments.watcher.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What a process and everything it started hold in memory, read from Linux's /proc. */
public final class ProcessTree {

    private ProcessTree() {
    }

    /** The resident set (VmRSS) of the process and all its descendants, in bytes; 0 once it is gone. */
    public static long residentBytes(ProcessHandle process) {
        return Stream.concat(Stream.of(process), process.descendants())
                .mapToLong(p -> residentBytes(p.pid()))
                .sum();
    }

    static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    // "VmRSS:     123456 kB"
                    return Long.parseLong(line.substring(6).replace("kB", "").strip()) * 1024;
                }
            }
            return 0; // a zombie has no VmRSS line
        } catch (IOException | NumberFormatException e) {
            return 0; // exited between listing and reading
        }
    }
}

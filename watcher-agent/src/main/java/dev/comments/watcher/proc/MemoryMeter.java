package dev.comments.watcher.proc;

import java.util.Optional;

/**
 * Measures one child's resident memory (its whole process tree) and says when it has been
 * over its limit for enough checks in a row to count as a leak rather than a peak. One
 * reading costs one read of /proc/&lt;pid&gt;/status per process in the tree.
 */
public final class MemoryMeter {

    private static final long MIB = 1024 * 1024;

    private final long limitBytes;
    private final int checks;
    private int strikes;
    private long lastBytes;

    /** {@code limitBytes} 0 means no limit: measured for the status, never over. */
    public MemoryMeter(long limitBytes, int checks) {
        this.limitBytes = limitBytes;
        this.checks = checks;
    }

    /** A new process: earlier strikes were another process's. */
    public void reset() {
        strikes = 0;
        lastBytes = 0;
    }

    /** Measures now for the status only: a starting process has a size too, but no limit yet. */
    public void read(ProcessHandle process) {
        lastBytes = ProcessTree.residentBytes(process);
    }

    /** Measures now; the reason to restart when the tree has been over the limit {@code checks} times in a row. */
    public Optional<String> measure(ProcessHandle process) {
        lastBytes = ProcessTree.residentBytes(process);
        if (limitBytes <= 0 || lastBytes <= limitBytes) {
            strikes = 0;
            return Optional.empty();
        }
        strikes++;
        if (strikes < checks) {
            return Optional.empty();
        }
        return Optional.of("memory: resident " + lastBytes / MIB + " MiB over the limit of " + limitBytes / MIB
                + " MiB for " + strikes + " checks");
    }

    /** The resident bytes of the last reading. */
    public long lastBytes() {
        return lastBytes;
    }
}

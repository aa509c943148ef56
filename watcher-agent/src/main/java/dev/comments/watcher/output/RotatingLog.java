package dev.comments.watcher.output;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A child's log file that never grows past a size: past it, {@code kubo.log} becomes
 * {@code kubo.log.1} (and {@code .1} becomes {@code .2}, up to {@code keep}; the oldest goes)
 * and a new one starts. A server runs for months; its disk must not fill with logs, and an
 * operator needs no logrotate rule for it.
 */
final class RotatingLog implements AutoCloseable {

    /** The defaults: 16 MiB a file, four old files: at most 80 MiB per child. */
    static final long MAX_BYTES = 16L * 1024 * 1024;
    static final int KEEP = 4;

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private OutputStream out;
    private long size;

    RotatingLog(Path file, long maxBytes, int keep) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
        open();
    }

    /** Appends one whole record, rotating first when it would not fit. */
    void write(byte[] record) throws IOException {
        if (size > 0 && size + record.length > maxBytes) {
            rotate();
        }
        out.write(record);
        size += record.length;
    }

    private void rotate() throws IOException {
        out.close();
        Files.deleteIfExists(numbered(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(numbered(i))) {
                Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    private void open() throws IOException {
        out = new FileOutputStream(file.toFile(), true);
        size = Files.size(file);
    }

    private Path numbered(int i) {
        return file.resolveSibling(file.getFileName() + "." + i);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

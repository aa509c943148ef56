package dev.comments.core.store;

import java.time.Duration;
import java.time.Instant;

/**
 * What a file's metadata says about its last change: modification time and size.
 *
 * <p>A file system clock ticks coarsely (milliseconds on ext4, seconds or two on others),
 * so two changes can share one modification time. Like git's "racily clean" rule, a
 * stamp is only trusted to mean "nothing changed since" when it was read well after
 * the time it shows ({@link #settledAt}); until then readers must look again.
 */
public record ChangeStamp(Instant modified, long size) {

    /** Longest clock tick of the file systems we expect (FAT has 2 s). */
    static final Duration SETTLE = Duration.ofSeconds(2);

    /** The stamp of something that does not exist yet. */
    public static final ChangeStamp NONE = new ChangeStamp(Instant.EPOCH, -1);

    static ChangeStamp of(Instant modified, long size) {
        return new ChangeStamp(modified, size);
    }

    /** True when a stamp read at {@code readAt} cannot hide a later change with the same stamp. */
    public boolean settledAt(Instant readAt) {
        return this.equals(NONE) || modified.isBefore(readAt.minus(SETTLE));
    }
}

package dev.comments.watcher.testing;

import java.util.ArrayList;
import java.util.List;

/** A test child that leaks: it keeps allocating and touching memory until it is stopped. */
public final class GrowingChild {

    private GrowingChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<byte[]> kept = new ArrayList<>();
        while (true) {
            byte[] block = new byte[8 * 1024 * 1024];
            for (int i = 0; i < block.length; i += 4096) {
                block[i] = 1; // touch every page, so it is resident
            }
            kept.add(block);
            Thread.sleep(100); // the leak's pace, not a wait on anything
        }
    }
}

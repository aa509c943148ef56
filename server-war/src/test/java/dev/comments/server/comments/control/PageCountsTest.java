package dev.comments.server.comments.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.network.UrlHash;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A bucket is exactly the pages whose urlHash starts with its prefix, read as one range of the
 * sorted index (its edges included, its neighbours excluded), and never more than the cap.
 */
class PageCountsTest {

    @Test
    void aBucketHoldsExactlyThePagesOfItsPrefixWithTheirCounts() {
        PageCounts counts = new PageCounts();
        Map<String, Integer> expected = new TreeMap<>();
        for (String hex : new String[] {"a1" + "0".repeat(62), "a1" + "f".repeat(62), "a1b2" + "3".repeat(60)}) {
            counts.put(new UrlHash(hex), hex.length() % 7 + hex.charAt(2));
            expected.put(hex, hex.length() % 7 + hex.charAt(2));
        }
        // the neighbours on both sides of the range
        counts.put(new UrlHash("a0" + "f".repeat(62)), 5);
        counts.put(new UrlHash("a2" + "0".repeat(62)), 6);

        PageCounts.Bucket bucket = counts.bucket("a1", 100);
        assertTrue(bucket.complete());
        assertEquals(expected, bucket.counts());
        assertEquals(Map.of("a1b2" + "3".repeat(60), expected.get("a1b2" + "3".repeat(60))), counts.bucket("a1b2", 100).counts());
        assertEquals(Map.of(), counts.bucket("a1b3", 100).counts(), "an empty bucket is complete and empty");
        assertTrue(counts.bucket("a1b3", 100).complete());
    }

    @Test
    void theLastBucketRunsToTheEndOfTheKeys() {
        PageCounts counts = new PageCounts();
        counts.put(new UrlHash("f".repeat(64)), 1);
        counts.put(new UrlHash("ff" + "0".repeat(62)), 2);
        counts.put(new UrlHash("fe" + "f".repeat(62)), 3);
        assertEquals(Map.of("f".repeat(64), 1, "ff" + "0".repeat(62), 2), counts.bucket("ff", 10).counts());
        assertEquals(3, counts.bucket("f", 10).counts().size());
    }

    @Test
    void aBucketPastTheCapSaysSoAndListsNothing() {
        PageCounts counts = new PageCounts();
        for (int i = 0; i < 11; i++) {
            counts.put(new UrlHash(String.format("c0%062x", i)), 1);
        }
        assertEquals(11, counts.bucket("c0", 11).counts().size(), "at the cap: complete");
        PageCounts.Bucket over = counts.bucket("c0", 10);
        assertFalse(over.complete());
        assertTrue(over.counts().isEmpty());
    }

    @Test
    void countsFollowPutsAndRemovals() {
        PageCounts counts = new PageCounts();
        UrlHash page = new UrlHash("d".repeat(64));
        counts.put(page, 1);
        counts.put(page, 4);
        assertEquals(4, counts.bucket("dd", 10).counts().get(page.hex()));
        counts.remove(page);
        assertNull(counts.bucket("dd", 10).counts().get(page.hex()));
        counts.put(page, 2);
        counts.clear();
        assertEquals(0, counts.size());
    }

    /** Against a plain filter over 100,000 random keys (a server's size, not a toy's): every prefix length the API admits. */
    @Test
    void everyBucketIsWhatAFullScanWouldFind() {
        PageCounts counts = new PageCounts();
        Map<String, Integer> all = new TreeMap<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 100_000; i++) {
            // few leading characters, so that short and long buckets both hold pages
            String hex = "%02x".formatted(random.nextInt(4)) + "%062x".formatted(random.nextLong(1L << 40));
            all.put(hex, i);
            counts.put(new UrlHash(hex), i);
        }
        for (int i = 0; i < 200; i++) {
            String hex = all.keySet().stream().skip(random.nextInt(all.size())).findFirst().orElseThrow();
            String prefix = hex.substring(0, random.nextInt(BucketPrefix.MIN_LENGTH, BucketPrefix.MAX_LENGTH + 1));
            Map<String, Integer> scan = new TreeMap<>();
            all.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    scan.put(k, v);
                }
            });
            PageCounts.Bucket bucket = counts.bucket(prefix, BucketPrefix.MAX_PAGES);
            assertEquals(scan.size() <= BucketPrefix.MAX_PAGES, bucket.complete(), prefix);
            if (bucket.complete()) {
                assertEquals(scan, bucket.counts(), prefix);
            }
        }
    }

    @Test
    void theSuccessorOfAPrefixIsTheNextOfItsLength() {
        assertEquals("a20", PageCounts.successor("a1f"));
        assertEquals("0a", PageCounts.successor("09"));
        assertEquals("10", PageCounts.successor("0f"));
        assertNull(PageCounts.successor("fff"));
    }

    @Test
    void aPrefixIsTwoToSixLowercaseHexCharacters() {
        for (String ok : new String[] {"ab", "0123", "abcdef"}) {
            assertTrue(BucketPrefix.isValid(ok), ok);
        }
        for (String bad : new String[] {null, "", "a", "abcdef0", "AB", "0g", "a/", "a1%20", "f".repeat(64)}) {
            assertFalse(BucketPrefix.isValid(bad), bad);
        }
    }
}

package dev.comments.server.comments.control;

import dev.comments.core.network.UrlHash;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The published comment count of every page with comments, sorted by urlHash, so that the
 * pages of a bucket (all urlHashes that start with a short prefix, docs/protocol.md §5.8) are
 * one range of the map: a bucket costs O(log pages + its entries), never a pass over the store.
 *
 * <p>A bucket's answer is bounded: past {@code cap} entries it stops reading and says the
 * bucket is over-full (the asker then asks a longer prefix), so no prefix, however short, makes
 * the server walk or send more than {@code cap + 1} entries.
 *
 * <p>Memory: one skip-list node per page with comments; the keys are the urlHashes' own strings,
 * which the publisher's page records already hold.
 */
public final class PageCounts {

    private final ConcurrentSkipListMap<String, Integer> counts = new ConcurrentSkipListMap<>();

    /** A bucket's answer: its pages' counts in urlHash order when complete; none when over-full. */
    public record Bucket(String prefix, boolean complete, SortedMap<String, Integer> counts) {
    }

    public void put(UrlHash page, int count) {
        counts.put(page.hex(), count);
    }

    public void remove(UrlHash page) {
        counts.remove(page.hex());
    }

    public void clear() {
        counts.clear();
    }

    public int size() {
        return counts.size();
    }

    /**
     * The pages whose urlHash starts with {@code prefix} (lowercase hex, checked by the caller),
     * with their counts; {@code complete} false and no counts when there are more than {@code cap}.
     */
    public Bucket bucket(String prefix, int cap) {
        NavigableMap<String, Integer> range = range(prefix);
        TreeMap<String, Integer> found = new TreeMap<>();
        for (Map.Entry<String, Integer> e : range.entrySet()) {
            if (found.size() == cap) {
                return new Bucket(prefix, false, Collections.emptySortedMap());
            }
            found.put(e.getKey(), e.getValue());
        }
        return new Bucket(prefix, true, Collections.unmodifiableSortedMap(found));
    }

    /** [prefix, the next prefix of the same length): every 64-character key that starts with prefix. */
    private NavigableMap<String, Integer> range(String prefix) {
        String end = successor(prefix);
        return end == null ? counts.tailMap(prefix, true) : counts.subMap(prefix, true, end, false);
    }

    /** The next hex string of the same length ("a1f" → "a20"); null past "fff…" (the range runs to the end). */
    static String successor(String hex) {
        char[] chars = hex.toCharArray();
        for (int i = chars.length - 1; i >= 0; i--) {
            if (chars[i] != 'f') {
                chars[i] = chars[i] == '9' ? 'a' : (char) (chars[i] + 1);
                return new String(chars);
            }
            chars[i] = '0';
        }
        return null;
    }
}

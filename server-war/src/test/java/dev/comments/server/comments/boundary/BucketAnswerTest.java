package dev.comments.server.comments.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.comments.server.comments.control.PageCounts.Bucket;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The bucket's JSON as docs/protocol.md §5.8 shows it. */
class BucketAnswerTest {

    @Test
    void aCompleteBucketListsItsCountsAndAnOverFullOneNone() {
        TreeMap<String, Integer> counts = new TreeMap<>();
        counts.put("ab" + "1".repeat(62), 3);
        counts.put("ab" + "2".repeat(62), 1);
        assertEquals("{\"prefix\":\"ab\",\"complete\":true,\"counts\":{\"ab" + "1".repeat(62) + "\":3,\"ab" + "2".repeat(62) + "\":1}}",
                new String(BucketAnswer.json(new Bucket("ab", true, counts)), StandardCharsets.UTF_8));
        assertEquals("{\"prefix\":\"abc\",\"complete\":false}",
                new String(BucketAnswer.json(new Bucket("abc", false, Collections.emptySortedMap())), StandardCharsets.UTF_8));
    }
}

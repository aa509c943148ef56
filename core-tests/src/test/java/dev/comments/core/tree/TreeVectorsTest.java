package dev.comments.core.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.comments.core.cid.Cid;
import dev.comments.testkit.data.Vectors;
import jakarta.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every verdict of the vectors' {@code tree} section, reproduced by {@link RootEntry} and {@link PageEntry}. */
class TreeVectorsTest {

    private static final JsonObject TREE = Vectors.load().getJsonObject("tree");

    @TestFactory
    Stream<DynamicTest> eachRootEntryGetsItsVerdict() {
        return verdicts("rootEntries", (name, cid) -> RootEntry.of(name, cid).verdict(), RootEntry.FOREIGN.verdict());
    }

    @TestFactory
    Stream<DynamicTest> eachPageEntryGetsItsVerdict() {
        return verdicts("pageEntries", (name, cid) -> PageEntry.of(name, cid).verdict(), PageEntry.FOREIGN.verdict());
    }

    @Test
    void theVectorsHoldEveryVerdict() {
        assertEquals(words(RootEntry.values(), RootEntry::verdict), verdictsIn("rootEntries"));
        assertEquals(words(PageEntry.values(), PageEntry::verdict), verdictsIn("pageEntries"));
    }

    /**
     * One test per entry. A CID this implementation cannot parse (kubo's listing would already
     * fail on it) can name neither a page nor a comment: its entry is {@code unparsed}.
     */
    private static Stream<DynamicTest> verdicts(String section, BiFunction<String, Cid, String> classify, String unparsed) {
        List<JsonObject> entries = entries(section);
        assertFalse(entries.isEmpty(), "tree." + section + " has entries");
        return entries.stream().map(e -> DynamicTest.dynamicTest(e.getString("why"), () -> {
            Optional<Cid> cid = parse(e.getString("cid"));
            String verdict = cid.map(c -> classify.apply(e.getString("name"), c)).orElse(unparsed);
            assertEquals(e.getString("verdict"), verdict, e.getString("name") + " → " + e.getString("cid"));
        }));
    }

    private static List<JsonObject> entries(String section) {
        return TREE.getJsonArray(section).getValuesAs(JsonObject.class);
    }

    private static Set<String> verdictsIn(String section) {
        return entries(section).stream().map(e -> e.getString("verdict")).collect(Collectors.toSet());
    }

    private static <T> Set<String> words(T[] values, Function<T, String> word) {
        return Arrays.stream(values).map(word).collect(Collectors.toSet());
    }

    private static Optional<Cid> parse(String text) {
        try {
            return Optional.of(Cid.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

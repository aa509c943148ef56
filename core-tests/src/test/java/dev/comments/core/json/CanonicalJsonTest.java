package dev.comments.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Canonical JSON must equal ECMAScript JSON.stringify (keys sorted) for every string,
 * including lone surrogates, control characters and non-BMP characters, and read back
 * to the same value.
 */
class CanonicalJsonTest {

    @Property(tries = 2000)
    void roundTripsAnyString(@ForAll("anyUtf16") String s) {
        String text = CanonicalJson.toText(Map.of("s", s));
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            assertEquals(s, r.readObject().getString("s"));
        }
        // The output is always well-formed Unicode, so its UTF-8 bytes decode back to it.
        assertEquals(text, new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void keysAreSortedByUtf16CodeUnits(@ForAll("anyUtf16") String a, @ForAll("anyUtf16") String b) {
        Map<String, Object> m = new HashMap<>();
        m.put(a, 1);
        m.put(b, 2);
        String text = CanonicalJson.toText(m);
        if (!a.equals(b)) {
            String first = a.compareTo(b) < 0 ? a : b;
            assertEquals(true, text.startsWith("{" + quoted(first) + ":"));
        }
    }

    @Test
    void equalsJsonStringifyOfNodeForManyGeneratedStrings() throws Exception {
        List<String> samples = new ArrayList<>(anyUtf16().sampleStream().limit(3000).toList());
        samples.addAll(List.of("\ud800", "\udfff", "a\ud83c", "\udf89b", "\ud83c\udf89", "\u2028\u2029", "\u007f",
                "\u0000\u001f", "\"\\/", "\b\f\n\r\t", "\uffff", "\ufeff"));
        // Hand the strings to node as arrays of UTF-16 code units, so that lone surrogates survive the trip.
        JsonArrayBuilder input = Json.createArrayBuilder();
        for (String s : samples) {
            JsonArrayBuilder units = Json.createArrayBuilder();
            s.chars().forEach(units::add);
            input.add(units);
        }
        Path in = Files.createTempFile("canon", ".json");
        try {
            Files.writeString(in, input.build().toString());
            String script = "const a=JSON.parse(require('fs').readFileSync(process.argv[1],'utf8'));"
                    + "process.stdout.write(JSON.stringify(a.map(u=>JSON.stringify({s:String.fromCharCode(...u)}))))";
            Process node = new ProcessBuilder("node", "-e", script, in.toString()).redirectErrorStream(true).start();
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, node.waitFor(), out);
            JsonArray expected;
            try (JsonReader r = Json.createReader(new StringReader(out))) {
                expected = r.readArray();
            }
            for (int i = 0; i < samples.size(); i++) {
                assertEquals(expected.getString(i), CanonicalJson.toText(Map.of("s", samples.get(i))),
                        "code units " + samples.get(i).chars().boxed().toList());
            }
        } finally {
            Files.deleteIfExists(in);
        }
    }

    @Test
    void writesNumbersNullAndNestedObjectsLikeJsonStringify() {
        Map<String, Object> inner = new HashMap<>();
        inner.put("z", null);
        inner.put("a", -9007199254740991L);
        Map<String, Object> m = new HashMap<>();
        m.put("b", inner);
        m.put("a", 0);
        assertEquals("{\"a\":0,\"b\":{\"a\":-9007199254740991,\"z\":null}}", CanonicalJson.toText(m));
    }

    @Test
    void refusesWhatItCannotWriteExactly() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.toText(Map.of("n", 1L << 53)));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.toText(Map.of("d", 1.5)));
        assertFalse(CanonicalJson.toText(Map.of("s", "\ud800")).contains("?"));
    }

    @Provide
    Arbitrary<String> anyUtf16() {
        Arbitrary<Character> interesting = Arbitraries.oneOf(
                Arbitraries.chars().range('\u0000', '\u001f'),
                Arbitraries.chars().range('\ud800', '\udfff'),
                Arbitraries.of('"', '\\', '/', '\u007f', '\u2028', '\u2029', '\ufeff', '\uffff'),
                Arbitraries.chars().ascii(),
                Arbitraries.chars().range('\u0080', '\uffff'));
        Arbitrary<String> nonBmp = Arbitraries.integers().between(0x10000, 0x10ffff).map(Character::toString);
        return Arbitraries.oneOf(interesting.map(String::valueOf), nonBmp).list().ofMaxSize(12)
                .map(parts -> String.join("", parts));
    }

    private static String quoted(String s) {
        StringBuilder b = new StringBuilder();
        CanonicalJson.writeString(b, s);
        return b.toString();
    }
}

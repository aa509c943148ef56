package dev.comments.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class UrlHashTest {

    private static final Pattern FORM = Pattern.compile("[0-9a-f]{64}");

    @Test
    void takesExactlySixtyFourLowercaseHexCharacters() {
        assertTrue(UrlHash.isValid("0".repeat(64)));
        assertTrue(UrlHash.isValid("0123456789abcdef".repeat(4)));
        assertFalse(UrlHash.isValid(null));
        assertFalse(UrlHash.isValid("0".repeat(63)));
        assertFalse(UrlHash.isValid("0".repeat(65)));
        assertFalse(UrlHash.isValid("A" + "0".repeat(63)));
        assertFalse(UrlHash.isValid("g" + "0".repeat(63)));
        assertFalse(UrlHash.isValid("../" + "0".repeat(61)));
        assertThrows(IllegalArgumentException.class, () -> new UrlHash("0".repeat(63) + "/"));
    }

    /** The hand-written check accepts exactly what the documented form [0-9a-f]{64} accepts. */
    @Property(tries = 3000)
    void agreesWithTheDocumentedForm(@ForAll("nearlyHashes") String s) {
        assertEquals(FORM.matcher(s).matches(), UrlHash.isValid(s), s);
    }

    @Provide
    Arbitrary<String> nearlyHashes() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(62).ofMaxLength(66),
                Arbitraries.strings().withChars("0123456789abcdefABCDEFgz/.:\u0660\uff10").ofLength(64),
                Arbitraries.strings().ofMaxLength(70));
    }
}

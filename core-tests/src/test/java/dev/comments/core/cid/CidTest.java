package dev.comments.core.cid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidTest {

    @Test
    void rawCidOfBytesMatchesKuboForAKnownFile() {
        // `printf hello | ipfs add --cid-version=1 --raw-leaves -Q`
        assertEquals("bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq",
                Cid.ofRaw("hello".getBytes(StandardCharsets.US_ASCII)).text());
    }

    @Test
    void parsesWhatItWritesAndDagPbFolders() {
        Cid raw = Cid.ofRaw(new byte[] {1, 2, 3});
        Cid parsed = Cid.parse(raw.text());
        assertEquals(raw, parsed);
        assertEquals(Cid.RAW, parsed.codec());
        assertTrue(parsed.isRawSha256Of(new byte[] {1, 2, 3}));

        Cid emptyFolder = Cid.parse("bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354");
        assertEquals(Cid.DAG_PB, emptyFolder.codec());
        assertEquals(Cid.SHA2_256, emptyFolder.multihash());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n",              // CIDv0 (base58)
        "BAFKREIBM6JG3UX5QUMHCN2B3FLC3TYU6DMLB4XA7U5BF44YEGNRJHC4YEQ",   // upper case multibase
        "bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq=",  // padding
        "bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4ye",   // truncated digest
        "bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yer",  // non-zero trailing bits
        "bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq/..",
        "zdj7WWeQ43G6JJvLWQWZpyHuAMq6uYWRjkBXFad11vE2LHhQ7"              // base58btc multibase
    })
    void refusesEveryOtherSpelling(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cid.parse(text));
    }
}

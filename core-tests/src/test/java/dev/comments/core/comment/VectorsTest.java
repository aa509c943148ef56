package dev.comments.core.comment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import dev.comments.core.network.NetworkId;
import dev.comments.core.network.UrlHash;
import dev.comments.testkit.data.Vectors;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every value of the protocol's vectors (protocol/vectors.json), reproduced exactly. */
class VectorsTest {

    private static final JsonObject V = Vectors.load();

    @TestFactory
    Stream<DynamicTest> eachCommentReproducesSignedTextFileTextAndId() {
        return V.getJsonArray("comments").getValuesAs(JsonObject.class).stream().map(vector -> DynamicTest.dynamicTest(
                vector.getString("id"), () -> {
                    Comment comment = fromVector(vector.getJsonObject("comment"));
                    assertEquals(vector.getString("signedText"), new String(comment.signedBytes(), StandardCharsets.UTF_8));
                    assertEquals(vector.getString("fileText"), new String(comment.fileBytes(), StandardCharsets.UTF_8));
                    assertEquals(vector.getString("id"), comment.id().text());

                    byte[] file = vector.getString("fileText").getBytes(StandardCharsets.UTF_8);
                    VerifiedComment verified = CommentVerifier.verifyFile(
                            file, Cid.parse(vector.getString("id")), new UrlHash(comment.url()));
                    assertEquals(comment, verified.comment());
                    assertEquals(vector.getString("id"), verified.id().text());
                }));
    }

    @Test
    void signingWithTheTestKeyReproducesEachSignature() {
        byte[] seed = HexFormat.of().parseHex(V.getJsonObject("testKey").getString("ed25519SeedHex"));
        CommentSigner signer = new CommentSigner(seed);
        assertEquals(V.getJsonObject("testKey").getString("publicKeyB64u"), signer.publicKey());
        for (JsonObject vector : V.getJsonArray("comments").getValuesAs(JsonObject.class)) {
            Comment expected = fromVector(vector.getJsonObject("comment"));
            assertEquals(expected.sig(), signLike(signer, expected).sig());
        }
    }

    @TestFactory
    Stream<DynamicTest> eachValidExtremeIsReproducedAndAccepted() {
        CommentSigner signer = new CommentSigner(HexFormat.of().parseHex(V.getJsonObject("testKey").getString("ed25519SeedHex")));
        return V.getJsonArray("validComments").getValuesAs(JsonObject.class).stream().map(vector -> DynamicTest.dynamicTest(
                vector.getString("why"), () -> {
                    Comment expected = fromVector(vector.getJsonObject("comment"));
                    Comment signed = signLike(signer, expected);
                    assertEquals(expected, signed);
                    assertEquals(vector.getString("fileText"), new String(signed.fileBytes(), StandardCharsets.UTF_8));
                    VerifiedComment verified = CommentVerifier.verifyFile(signed.fileBytes(),
                            Cid.parse(vector.getString("id")), new UrlHash(expected.url()));
                    assertEquals(vector.getString("id"), verified.id().text());
                }));
    }

    @TestFactory
    Stream<DynamicTest> eachSpellingOfAPostIsStoredCanonically() {
        return V.getJsonArray("validPosts").getValuesAs(JsonObject.class).stream().map(vector -> DynamicTest.dynamicTest(
                vector.getString("why"), () -> {
                    VerifiedComment verified = CommentVerifier.verifyPost(
                            vector.getString("postText").getBytes(StandardCharsets.UTF_8), new UrlHash(vector.getString("page")));
                    assertEquals(vector.getString("fileText"), new String(verified.fileBytes(), StandardCharsets.UTF_8));
                    assertEquals(vector.getString("id"), verified.id().text());
                }));
    }

    @TestFactory
    Stream<DynamicTest> eachInvalidCommentIsRefusedWithItsCode() {
        return V.getJsonArray("invalidComments").getValuesAs(JsonObject.class).stream().map(vector -> DynamicTest.dynamicTest(
                vector.getString("as") + " " + vector.getString("code") + ": " + vector.getString("why"), () -> {
                    byte[] bytes = vector.containsKey("fileBase64")
                            ? Base64.getDecoder().decode(vector.getString("fileBase64"))
                            : vector.getString("fileText").getBytes(StandardCharsets.UTF_8);
                    UrlHash page = new UrlHash(vector.getString("page"));
                    // Preemptive: a parser that loops on a cut-off text (as Parsson's skipping does) fails here, not hangs.
                    InvalidCommentException e = assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () ->
                            assertThrows(InvalidCommentException.class, () -> {
                                if (vector.getString("as").equals("post")) {
                                    CommentVerifier.verifyPost(bytes, page);
                                } else {
                                    CommentVerifier.verifyFile(bytes, Cid.parse(vector.getString("id")), page);
                                }
                            }));
                    assertEquals(vector.getString("code"), e.reason().code(), e.getMessage());
                }));
    }

    @Test
    void theRejectionTableIsTheVectorsTable() {
        List<String> ours = Stream.of(Rejection.values()).map(r -> r.code() + ": " + r.summary()).toList();
        List<String> theirs = V.getJsonArray("rejections").getValuesAs(JsonObject.class).stream()
                .map(r -> r.getString("code") + ": " + r.getString("summary")).toList();
        assertEquals(theirs, ours);
    }

    @Test
    void theLimitsAreTheVectorsLimits() {
        JsonObject rules = V.getJsonObject("rules");
        assertEquals(rules.getInt("version"), CommentLimits.VERSION);
        assertEquals(rules.getInt("stampedVersion"), CommentLimits.VERSION_STAMPED);
        assertEquals(rules.getJsonObject("nonce").getJsonNumber("max").longValueExact(), CommentLimits.MAX_NONCE);
        assertEquals(rules.getInt("maxFileBytes"), CommentLimits.MAX_FILE_BYTES);
        assertEquals(rules.getJsonObject("author").getInt("max"), CommentLimits.MAX_AUTHOR);
        assertEquals(rules.getJsonObject("text").getInt("max"), CommentLimits.MAX_TEXT);
        assertEquals(rules.getJsonObject("ts").getJsonNumber("max").longValueExact(), CommentLimits.MAX_TS);
        assertEquals(rules.getJsonArray("fields").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).collect(java.util.stream.Collectors.toSet()), CommentParser.FIELDS);
    }

    @Test
    void networkIdGivesTheDhtKeyCid() {
        JsonObject network = V.getJsonObject("network");
        NetworkId id = NetworkId.ofHex(network.getString("networkIdHex"));
        assertEquals(network.getString("dhtKeyCid"), id.dhtKey().text());
        assertEquals(network.getString("dhtKeyCid"), NetworkId.defaultNetwork().dhtKey().text(),
                "the built-in default network is the vectors' network");
        assertTrue(Cid.parse(network.getString("dhtKeyCid")).isRawSha256Of(id.bytes()));
    }

    @Test
    void eachUrlHashIsTheSha256OfItsNormalizedUrl() throws Exception {
        // Java never normalizes URLs (browsers do); it checks the hashing half and the urlHash form.
        for (JsonObject c : V.getJsonObject("urlNormalization").getJsonArray("cases").getValuesAs(JsonObject.class)) {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(c.getString("normalized").getBytes(StandardCharsets.UTF_8));
            assertEquals(c.getString("urlHash"), HexFormat.of().formatHex(digest), c.getString("input"));
            assertTrue(UrlHash.isValid(c.getString("urlHash")));
        }
    }

    @Test
    void theTestKeyIsTheVectorsKey() {
        byte[] seed = HexFormat.of().parseHex(V.getJsonObject("testKey").getString("ed25519SeedHex"));
        assertArrayEquals(Base64.getUrlDecoder().decode(V.getJsonObject("testKey").getString("publicKeyB64u")),
                Ed25519.publicKeyOf(seed));
    }

    @TestFactory
    Stream<DynamicTest> eachStampCountsTheLeadingZeroBitsOfTheIdsDigest() {
        return V.getJsonObject("stamps").getJsonArray("cases").getValuesAs(JsonObject.class).stream()
                .map(c -> DynamicTest.dynamicTest(c.getString("why"),
                        () -> assertEquals(c.getInt("bits"), Stamp.bits(Cid.parse(c.getString("id"))))));
    }

    @Test
    void signingAStampedCommentReproducesTheVectorsNonceFileAndId() throws InvalidCommentException {
        CommentSigner signer = new CommentSigner(HexFormat.of().parseHex(V.getJsonObject("testKey").getString("ed25519SeedHex")));
        JsonObject vector = V.getJsonObject("stamps").getJsonObject("comment");
        Comment expected = fromVector(vector.getJsonObject("comment"));
        Comment stamped = signer.signStamped(expected.url(), expected.parent(), expected.author(), expected.text(), expected.ts(),
                vector.getInt("minBits"));
        assertEquals(expected, stamped, "the first nonce from 0 that reaches the vector's bits");
        assertEquals(vector.getString("signedText"), new String(stamped.signedBytes(), StandardCharsets.UTF_8));
        assertEquals(vector.getString("fileText"), new String(stamped.fileBytes(), StandardCharsets.UTF_8));
        Cid id = CommentVerifier.verifyFile(stamped.fileBytes(), Cid.parse(vector.getString("id")), new UrlHash(expected.url())).id();
        assertEquals(vector.getInt("bits"), Stamp.bits(id));
    }

    private static Comment signLike(CommentSigner signer, Comment expected) {
        if (expected.kind() != null) {
            return signer.signRecord(expected.kind(), expected.url(), expected.parent(), expected.author(), expected.text(),
                    expected.ts(), expected.nonce());
        }
        return expected.nonce() == null
                ? signer.sign(expected.url(), expected.parent(), expected.author(), expected.text(), expected.ts())
                : signer.sign(expected.url(), expected.parent(), expected.author(), expected.text(), expected.ts(), expected.nonce());
    }

    static Comment fromVector(JsonObject c) {
        return new Comment(c.getJsonNumber("v").longValueExact(), c.getString("url"),
                c.get("parent") == JsonValue.NULL ? null : c.getString("parent"),
                c.getString("author"), c.getString("text"), c.getJsonNumber("ts").longValueExact(),
                c.getString("key"), c.getString("sig"),
                c.containsKey("nonce") ? c.getJsonNumber("nonce").longValueExact() : null,
                c.containsKey("kind") ? c.getString("kind") : null);
    }

    static List<JsonObject> comments() {
        return V.getJsonArray("comments").getValuesAs(JsonObject.class);
    }
}

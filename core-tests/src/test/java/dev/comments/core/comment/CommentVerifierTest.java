package dev.comments.core.comment;

import static dev.comments.testkit.data.TestComments.PAGE;
import static dev.comments.testkit.data.TestComments.SIGNER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import dev.comments.core.network.UrlHash;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each rejection reason, caused by exactly the fault it names. */
class CommentVerifierTest {

    private static final Comment GOOD = SIGNER.sign(PAGE, null, "Ada", "Hello", 1795530000000L);

    @Test
    void aValidCommentPasses() throws Exception {
        VerifiedComment v = CommentVerifier.verify(GOOD.fileBytes());
        assertEquals(GOOD, v.comment());
        assertEquals(GOOD.id(), v.id());
        assertEquals(GOOD.id() + ".json", v.fileName());
    }

    @Test
    void aPostedCommentInAnyJsonSpellingIsStoredCanonically() throws Exception {
        String pretty = "{\n  \"v\": 1, \"url\": \"" + PAGE + "\", \"parent\": null, \"author\": \"Ada\",\n"
                + "  \"text\": \"Hello\", \"ts\": 1795530000000, \"key\": \"" + GOOD.key() + "\", \"sig\": \"" + GOOD.sig() + "\"\n}";
        VerifiedComment v = CommentVerifier.verifyPost(pretty.getBytes(StandardCharsets.UTF_8), new UrlHash(PAGE));
        assertArrayEquals(GOOD.fileBytes(), v.fileBytes());
        assertEquals(GOOD.id(), v.id());
    }

    @Test
    void limitsCountCharactersNotBytes() throws Exception {
        String author = "🎉".repeat(64);
        CommentVerifier.verify(SIGNER.sign(PAGE, null, author, "é".repeat(5000), 1L).fileBytes());
        assertRejected(Rejection.AUTHOR_LENGTH, SIGNER.sign(PAGE, null, author + "x", "t", 1L).fileBytes());
    }

    @Test
    void tooLarge() {
        byte[] big = new byte[CommentLimits.MAX_FILE_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertRejected(Rejection.TOO_LARGE, big);
        // 5000 four-byte characters are within the text limit but not the file limit.
        assertRejected(Rejection.TOO_LARGE, SIGNER.sign(PAGE, null, "Ada", "🎉".repeat(4100), 1L).fileBytes());
    }

    @Test
    void notUtf8() {
        byte[] bytes = GOOD.fileBytes();
        byte[] broken = java.util.Arrays.copyOf(bytes, bytes.length);
        broken[30] = (byte) 0xff;
        assertRejected(Rejection.NOT_UTF8, broken);
    }

    @Test
    void notJson() {
        assertRejected(Rejection.NOT_JSON, "{\"v\":1,".getBytes(StandardCharsets.UTF_8));
        assertRejected(Rejection.NOT_JSON, "".getBytes(StandardCharsets.UTF_8));
        assertRejected(Rejection.NOT_JSON, (new String(GOOD.fileBytes(), StandardCharsets.UTF_8) + " {}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void notAnObject() {
        assertRejected(Rejection.NOT_AN_OBJECT, "[1]".getBytes(StandardCharsets.UTF_8));
        assertRejected(Rejection.NOT_AN_OBJECT, "\"comment\"".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void duplicateField() {
        String text = new String(GOOD.fileBytes(), StandardCharsets.UTF_8).replace("{\"author\":\"Ada\"", "{\"author\":\"Ada\",\"author\":\"Eve\"");
        assertRejected(Rejection.DUPLICATE_FIELD, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unknownAndMissingFields() {
        assertRejected(Rejection.UNKNOWN_FIELD, json(b -> b.add("extra", "x")));
        assertRejected(Rejection.MISSING_FIELD, json(b -> b.remove("sig")));
        assertRejected(Rejection.MISSING_FIELD, json(b -> b.remove("parent")));
    }

    @Test
    void wrongTypes() {
        assertRejected(Rejection.WRONG_TYPE, json(b -> b.add("ts", "1795530000000")));
        assertRejected(Rejection.WRONG_TYPE, json(b -> b.add("author", 7)));
        assertRejected(Rejection.WRONG_TYPE, json(b -> b.add("v", 1.5)));
        assertRejected(Rejection.WRONG_TYPE, json(b -> b.add("parent", 5)));
        assertRejected(Rejection.WRONG_TYPE, json(b -> b.add("text", JsonValue.TRUE)));
        assertRejected(Rejection.WRONG_TYPE, json(b -> b.add("text", Json.createArrayBuilder().add("a"))));
        assertRejected(Rejection.WRONG_TYPE, json(b -> b.add("url", JsonValue.NULL)));
    }

    @Test
    void versionOneHasEightFieldsVersionTwoANonceBesidesAndNoOtherVersionIsTaken() {
        assertRejected(Rejection.MISSING_FIELD, new Comment(2, PAGE, null, "Ada", "Hello", 1L, GOOD.key(), GOOD.sig()).fileBytes());
        assertRejected(Rejection.UNKNOWN_FIELD, new Comment(1, PAGE, null, "Ada", "Hello", 1L, GOOD.key(), GOOD.sig(), 5L).fileBytes());
        assertRejected(Rejection.UNSUPPORTED_VERSION, new Comment(4, PAGE, null, "Ada", "Hello", 1L, GOOD.key(), GOOD.sig(), 5L).fileBytes());
        assertValid(SIGNER.sign(PAGE, null, "Ada", "Hello", 1L, 0L).fileBytes());
        assertValid(SIGNER.sign(PAGE, null, "Ada", "Hello", 1L, CommentLimits.MAX_NONCE).fileBytes());
        assertRejected(Rejection.BAD_NONCE, SIGNER.sign(PAGE, null, "Ada", "Hello", 1L, -1L).fileBytes());
        String nonceZero = new String(SIGNER.sign(PAGE, null, "Ada", "Hello", 1L, 0L).fileBytes(), StandardCharsets.UTF_8);
        assertRejected(Rejection.BAD_NONCE, nonceZero.replace("\"nonce\":0", "\"nonce\":9007199254740992").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aStampedCommentHasAtLeastTheBitsAskedForAndAReceiverRefusesFewer() throws InvalidCommentException {
        Comment stamped = SIGNER.signStamped(PAGE, null, "Ada", "Hello", 1L, 10);
        Cid id = CommentVerifier.verify(stamped.fileBytes()).id();
        assertTrue(Stamp.bits(id) >= 10, id + " has " + Stamp.bits(id) + " bits");
        Stamp.require(id, Stamp.bits(id));
        assertRejectedBy(Rejection.WEAK_STAMP, () -> Stamp.require(id, Stamp.bits(id) + 1));
    }

    @Test
    void badUrl() {
        assertRejected(Rejection.BAD_URL, SIGNER.sign(PAGE.toUpperCase(), null, "Ada", "x", 1L).fileBytes());
        assertRejected(Rejection.BAD_URL, SIGNER.sign(PAGE.substring(1), null, "Ada", "x", 1L).fileBytes());
        assertRejected(Rejection.BAD_URL, SIGNER.sign("https://example.com/", null, "Ada", "x", 1L).fileBytes());
    }

    @Test
    void badParent() {
        String dagPb = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
        assertRejected(Rejection.BAD_PARENT, SIGNER.sign(PAGE, dagPb, "Ada", "x", 1L).fileBytes());
        assertRejected(Rejection.BAD_PARENT, SIGNER.sign(PAGE, "../etc/passwd", "Ada", "x", 1L).fileBytes());
        CommentVerifierTest.assertValid(SIGNER.sign(PAGE, GOOD.id().text(), "Ada", "a reply", 1L).fileBytes());
    }

    @Test
    void authorAndTextLength() {
        assertRejected(Rejection.AUTHOR_LENGTH, SIGNER.sign(PAGE, null, "", "x", 1L).fileBytes());
        assertRejected(Rejection.AUTHOR_LENGTH, SIGNER.sign(PAGE, null, "a".repeat(65), "x", 1L).fileBytes());
        assertRejected(Rejection.TEXT_LENGTH, SIGNER.sign(PAGE, null, "Ada", "", 1L).fileBytes());
        assertRejected(Rejection.TEXT_LENGTH, SIGNER.sign(PAGE, null, "Ada", "a".repeat(5001), 1L).fileBytes());
    }

    @Test
    void badTimestamp() {
        assertRejected(Rejection.BAD_TIMESTAMP, json(b -> b.add("ts", -1)));
        assertRejected(Rejection.BAD_TIMESTAMP, json(b -> b.add("ts", CommentLimits.MAX_TS + 1)));
    }

    @Test
    void badKeyEncodings() {
        assertRejected(Rejection.BAD_KEY, json(b -> b.add("key", GOOD.key().substring(1))));
        assertRejected(Rejection.BAD_KEY, json(b -> b.add("key", GOOD.key() + "=")));
        assertRejected(Rejection.BAD_KEY, json(b -> b.add("key", GOOD.key().replace('_', '/'))));
        assertRejected(Rejection.BAD_SIGNATURE_ENCODING, json(b -> b.add("sig", GOOD.sig().substring(2))));
        assertRejected(Rejection.BAD_SIGNATURE_ENCODING, json(b -> b.add("sig", "not base64!")));
    }

    @Test
    void forgedSignatureAndWrongKey() {
        assertRejected(Rejection.SIGNATURE_INVALID, json(b -> b.add("text", "Hello!")));
        CommentSigner other = new CommentSigner(HexFormat.of().parseHex("11".repeat(32)));
        assertRejected(Rejection.SIGNATURE_INVALID, json(b -> b.add("key", other.publicKey())));
        String zeros = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);
        assertRejected(Rejection.SIGNATURE_INVALID, json(b -> b.add("sig", zeros)));
    }

    @Test
    void filesMustBeCanonicalNamedByTheirHashAndInTheirPagesFolder() {
        byte[] pretty = json(b -> { });
        assertRejectedBy(Rejection.NOT_CANONICAL,
                () -> CommentVerifier.verifyFile(pretty, Cid.ofRaw(pretty), new UrlHash(PAGE)));
        assertRejectedBy(Rejection.ID_MISMATCH,
                () -> CommentVerifier.verifyFile(GOOD.fileBytes(), Cid.ofRaw("other".getBytes()), new UrlHash(PAGE)));
        UrlHash other = new UrlHash("0".repeat(64));
        assertRejectedBy(Rejection.WRONG_PAGE, () -> CommentVerifier.verifyFile(GOOD.fileBytes(), GOOD.id(), other));
        assertRejectedBy(Rejection.WRONG_PAGE, () -> CommentVerifier.verifyPost(GOOD.fileBytes(), other));
    }

    @Test
    void everyReasonHasItsOwnCodeAndSummary() {
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (Rejection r : Rejection.values()) {
            assertEquals(true, codes.add(r.code()), "duplicate code " + r.code());
            assertEquals(false, r.summary().isBlank());
        }
    }

    /** The good comment as a non-canonical JSON object (pretty, reordered), with one change applied. */
    private static byte[] json(Consumer<JsonObjectBuilder> change) {
        JsonObject good = Json.createReader(new java.io.StringReader(new String(GOOD.fileBytes(), StandardCharsets.UTF_8))).readObject();
        JsonObjectBuilder b = Json.createObjectBuilder(good);
        change.accept(b);
        var writer = new java.io.StringWriter();
        Json.createWriterFactory(java.util.Map.of(jakarta.json.stream.JsonGenerator.PRETTY_PRINTING, true))
                .createWriter(writer).write(b.build());
        return writer.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void assertValid(byte[] bytes) {
        try {
            CommentVerifier.verify(bytes);
        } catch (InvalidCommentException e) {
            throw new AssertionError("expected valid, got " + e.reason() + ": " + e.detail());
        }
    }

    private static void assertRejected(Rejection expected, byte[] bytes) {
        assertRejectedBy(expected, () -> CommentVerifier.verify(bytes));
    }

    private static void assertRejectedBy(Rejection expected, Executable check) {
        InvalidCommentException e = assertThrows(InvalidCommentException.class, check);
        assertEquals(expected, e.reason(), e.detail());
        assertEquals(false, e.detail().isBlank());
    }
}

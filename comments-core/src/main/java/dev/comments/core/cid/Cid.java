package dev.comments.core.cid;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.commons.codec.binary.Base32;

/**
 * A CIDv1 in its base32 multibase form ("b" + lowercase RFC 4648 base32, no padding),
 * the only form this project writes or accepts.
 *
 * <p>Comment ids and the network-id DHT key are CIDv1 raw sha2-256 ({@link #ofRaw});
 * folder CIDs that kubo returns are dag-pb and only parsed and passed on.
 */
public record Cid(int codec, int multihash, byte[] digest, String text) {

    public static final int RAW = 0x55;
    public static final int DAG_PB = 0x70;
    public static final int SHA2_256 = 0x12;

    private static final Pattern SHAPE = Pattern.compile("b[a-z2-7]{10,200}");
    private static final Base32 BASE32 = new Base32();

    /** CIDv1, codec raw, sha2-256 of the bytes: what `ipfs add --cid-version=1 --raw-leaves` gives a small file. */
    public static Cid ofRaw(byte[] bytes) {
        return ofSha256(RAW, bytes);
    }

    /** CIDv1, codec dag-pb, sha2-256 of an encoded dag-pb node: how kubo names a directory node. */
    public static Cid ofDagPb(byte[] encodedNode) {
        return ofSha256(DAG_PB, encodedNode);
    }

    private static Cid ofSha256(int codec, byte[] bytes) {
        byte[] digest = sha256(bytes);
        return new Cid(codec, SHA2_256, digest, "b" + encode(binary(codec, SHA2_256, digest)));
    }

    /** Parses the binary form (version, codec, multihash), as dag-pb links and CAR sections carry it. */
    public static Cid fromBinary(byte[] binary) {
        return parse("b" + encode(binary));
    }

    /** The binary form: version 1, codec, multihash code, digest length, digest (each code fits one byte here). */
    public byte[] binary() {
        return binary(codec, multihash, digest);
    }

    private static byte[] binary(int codec, int multihash, byte[] digest) {
        if (codec >= 0x80 || multihash >= 0x80 || digest.length >= 0x80) {
            throw new IllegalArgumentException("codes of one varint byte only: codec " + codec + ", hash " + multihash);
        }
        byte[] binary = new byte[4 + digest.length];
        binary[0] = 0x01;
        binary[1] = (byte) codec;
        binary[2] = (byte) multihash;
        binary[3] = (byte) digest.length;
        System.arraycopy(digest, 0, binary, 4, digest.length);
        return binary;
    }

    /**
     * Parses a base32 CIDv1. Refuses anything else, including text that base32 decoders
     * would silently tolerate (padding, upper case, trailing bits), so that one CID has
     * exactly one spelling.
     */
    public static Cid parse(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            throw new IllegalArgumentException("not a base32 CIDv1: " + abbreviate(text));
        }
        byte[] binary = BASE32.decode(text.substring(1).toUpperCase(Locale.ROOT));
        if (!encode(binary).equals(text.substring(1))) {
            throw new IllegalArgumentException("not a canonical base32 CIDv1: " + abbreviate(text));
        }
        int[] pos = {0};
        long version = readVarint(binary, pos);
        long codec = readVarint(binary, pos);
        long hash = readVarint(binary, pos);
        long length = readVarint(binary, pos);
        if (version != 1) {
            throw new IllegalArgumentException("not a CIDv1: " + abbreviate(text));
        }
        if (length != binary.length - pos[0] || length == 0) {
            throw new IllegalArgumentException("CID digest length does not match: " + abbreviate(text));
        }
        if (hash == SHA2_256 && length != 32) {
            throw new IllegalArgumentException("sha2-256 digest must be 32 bytes: " + abbreviate(text));
        }
        return new Cid((int) codec, (int) hash, Arrays.copyOfRange(binary, pos[0], binary.length), text);
    }

    /** True when this CID names exactly these bytes as a raw sha2-256 block. */
    public boolean isRawSha256Of(byte[] bytes) {
        return codec == RAW && multihash == SHA2_256 && MessageDigest.isEqual(digest, sha256(bytes));
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cid other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    private static String encode(byte[] binary) {
        return BASE32.encodeAsString(binary).replace("=", "").toLowerCase(Locale.ROOT);
    }

    // Unsigned LEB128 as multiformats uses it; at most 9 bytes, minimal encoding.
    private static long readVarint(byte[] b, int[] pos) {
        long value = 0;
        for (int shift = 0, i = 0; i < 9; i++, shift += 7) {
            if (pos[0] >= b.length) {
                throw new IllegalArgumentException("truncated CID");
            }
            int next = b[pos[0]++] & 0xff;
            value |= (long) (next & 0x7f) << shift;
            if ((next & 0x80) == 0) {
                if (next == 0 && i > 0) {
                    throw new IllegalArgumentException("non-minimal varint in CID");
                }
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long in CID");
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}

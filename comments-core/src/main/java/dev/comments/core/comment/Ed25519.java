package dev.comments.core.comment;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * Ed25519 for raw 32-byte keys as WebCrypto exports them. Signing (tests and tools) uses
 * the JDK's own provider, which only takes encoded keys, so the fixed DER prefixes of
 * RFC 8410 are added; verification, on every comment received, uses BouncyCastle.
 */
public final class Ed25519 {

    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private Ed25519() {
    }

    /**
     * True when sig is a valid signature of message by the raw public key; false for any
     * malformed input. Verification is BouncyCastle's RFC 8032 code, which takes raw keys as
     * they are and runs about six times the JDK provider's pace (0.2 ms against 1.3 ms
     * on a 2-core test machine): the sync agent verifies every comment it pulls, 20,000 in a round at scale.
     * Both refuse a non-canonical S (S ≥ L), as a vector holds.
     */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] sig) {
        if (publicKey.length != 32 || sig.length != 64) {
            return false;
        }
        try {
            return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(sig, 0, publicKey, 0, message, 0, message.length);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static byte[] sign(byte[] seed, byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey(seed));
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** The raw 32-byte public key of a 32-byte seed (RFC 8032 private key). */
    public static byte[] publicKeyOf(byte[] seed) {
        try {
            var generator = java.security.KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(255, new FixedSeed(seed));
            byte[] encoded = generator.generateKeyPair().getPublic().getEncoded();
            return java.util.Arrays.copyOfRange(encoded, SPKI_PREFIX.length, encoded.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 key derivation failed", e);
        }
    }

    private static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(SPKI_PREFIX, raw)));
    }

    private static PrivateKey privateKey(byte[] seed) throws GeneralSecurityException {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes");
        }
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, seed)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Feeds the seed to the JDK's key generator, which draws exactly 32 bytes for Ed25519. */
    private static final class FixedSeed extends java.security.SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}

package dev.comments.core.comment;

import dev.comments.core.cid.Cid;

/**
 * A comment's proof of work (docs/protocol.md §3.9): the number of leading zero bits of the
 * SHA-256 digest its id names, a hash every receiver computes anyway. Its author raises it by
 * varying the signed {@code nonce} (version 2), signing and hashing again: k bits cost about 2^k
 * tries on average, and checking costs nothing. A version 1 comment was never stamped on purpose:
 * it is worth whatever its id happens to have (0 bits half of the time).
 */
public final class Stamp {

    private Stamp() {
    }

    /** The stamp of the comment this id names: 0 to 256. */
    public static int bits(Cid id) {
        int bits = 0;
        for (byte b : id.digest()) {
            if (b != 0) {
                return bits + Integer.numberOfLeadingZeros(b & 0xff) - 24;
            }
            bits += 8;
        }
        return bits;
    }

    /** Refuses a comment whose stamp is below this receiver's own minimum ({@code weak-stamp}). */
    public static void require(Cid id, int minBits) throws InvalidCommentException {
        int bits = bits(id);
        if (bits < minBits) {
            throw new InvalidCommentException(Rejection.WEAK_STAMP,
                    "the comment's stamp has " + bits + " leading zero bits; this server takes comments with at least " + minBits);
        }
    }
}

package dev.comments.core.dag;

/**
 * The UnixFS "Data" message inside a directory's dag-pb node: type Directory (1) for a
 * flat folder, HAMTShard (5) with its bitfield, hash type and fanout for a shard.
 * Fields in field-number order, as Go's protobuf writes them; no mode or mtime, as
 * {@code ipfs add} writes none by default.
 */
public final class UnixFsData {

    static final int DIRECTORY = 1;
    static final int HAMT_SHARD = 5;
    /** Multicodec murmur3-x64-64, the only hash kubo's HAMT uses. */
    static final int MURMUR3_X64_64 = 0x22;

    private static final byte[] FLAT_DIRECTORY = new Protobuf.Writer().varintField(1, DIRECTORY).bytes();

    private UnixFsData() {
    }

    /** What a decoded Data message says about a directory node. */
    public record Kind(int type, byte[] bitfield, long hashType, long fanout) {
        public boolean isFlat() {
            return type == DIRECTORY;
        }

        public boolean isShard() {
            return type == HAMT_SHARD;
        }
    }

    static byte[] flatDirectory() {
        return FLAT_DIRECTORY.clone();
    }

    static byte[] hamtShard(byte[] bitfield, int fanout) {
        Protobuf.Writer w = new Protobuf.Writer().varintField(1, HAMT_SHARD);
        if (bitfield.length > 0) {
            w.bytesField(2, bitfield);
        }
        return w.varintField(5, MURMUR3_X64_64).varintField(6, fanout).bytes();
    }

    /** Decodes the Data of a node a peer or daemon gave: malformed input is an IllegalArgumentException. */
    public static Kind decode(byte[] data) {
        if (data == null) {
            throw new IllegalArgumentException("dag-pb node without UnixFS data");
        }
        Protobuf.Reader r = new Protobuf.Reader(data);
        int type = -1;
        byte[] bitfield = new byte[0];
        long hashType = 0;
        long fanout = 0;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> type = (int) r.varint();
                case 2 -> bitfield = r.bytes();
                case 5 -> hashType = r.varint();
                case 6 -> fanout = r.varint();
                default -> r.skip();
            }
        }
        return new Kind(type, bitfield, hashType, fanout);
    }
}

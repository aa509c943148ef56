package dev.comments.core.dag;

import dev.comments.core.cid.Cid;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a CARv1 (the format {@code ipfs dag import} reads): a DAG-CBOR header naming one
 * root, then one section per block, {@code varint(len(cid)+len(bytes)) cid bytes}.
 * Streams: memory does not grow with the number of blocks.
 *
 * <p>The header is written by hand: it is one fixed DAG-CBOR shape (a map of "roots" and
 * "version"), and a CBOR library would be a dependency for twelve bytes.
 */
public final class CarWriter implements AutoCloseable {

    private final OutputStream out;
    private long blocks;

    public CarWriter(OutputStream out, Cid root) throws IOException {
        this(out);
        byte[] header = header(root);
        varint(header.length);
        this.out.write(header);
    }

    private CarWriter(OutputStream out) {
        this.out = new BufferedOutputStream(out, 1 << 16);
    }

    /**
     * Sections only, for a DAG whose root is known once every block is written: finish
     * with {@link #assemble}, which puts the header in front.
     */
    public static CarWriter sections(OutputStream out) {
        return new CarWriter(out);
    }

    /** Writes {@code car} as the header naming {@code root}, then the sections written to {@code sections}. */
    public static void assemble(java.nio.file.Path sections, Cid root, java.nio.file.Path car) throws IOException {
        try (OutputStream out = java.nio.file.Files.newOutputStream(car); CarWriter header = new CarWriter(out, root)) {
            header.out.flush();
            java.nio.file.Files.copy(sections, out);
        }
    }

    public void write(DagBlock block) throws IOException {
        write(block.cid(), block.bytes());
    }

    public void write(Cid cid, byte[] bytes) throws IOException {
        byte[] id = cid.binary();
        varint(id.length + (long) bytes.length);
        out.write(id);
        out.write(bytes);
        blocks++;
    }

    public long blocks() {
        return blocks;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    // {"roots": [CID], "version": 1}: keys in DAG-CBOR order (shorter first); a CID is
    // tag 42 over a byte string of 0x00 (the identity multibase) and the binary CID.
    private static byte[] header(Cid root) {
        byte[] id = root.binary();
        var h = new java.io.ByteArrayOutputStream();
        h.write(0xA2);
        text(h, "roots");
        h.write(0x81);
        h.write(0xD8);
        h.write(42);
        int length = id.length + 1;
        if (length < 24) {
            h.write(0x40 + length);
        } else {
            h.write(0x58);
            h.write(length);
        }
        h.write(0x00);
        h.writeBytes(id);
        text(h, "version");
        h.write(0x01);
        return h.toByteArray();
    }

    private static void text(java.io.ByteArrayOutputStream h, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        h.write(0x60 + b.length);
        h.writeBytes(b);
    }

    private void varint(long value) throws IOException {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}

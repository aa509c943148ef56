package dev.comments.core.dag;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The few protobuf wire-format pieces dag-pb and UnixFS need (varints and length-delimited
 * fields). A protobuf library would bring generated code and a runtime for two tiny
 * messages whose canonical byte order we must control ourselves anyway.
 */
final class Protobuf {

    static final int VARINT = 0;
    static final int LENGTH_DELIMITED = 2;

    private Protobuf() {
    }

    /** Appends fields in the order they are written. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer varintField(int field, long value) {
            varint(((long) field << 3) | VARINT);
            varint(value);
            return this;
        }

        Writer bytesField(int field, byte[] bytes) {
            varint(((long) field << 3) | LENGTH_DELIMITED);
            varint(bytes.length);
            out.writeBytes(bytes);
            return this;
        }

        void varint(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Reads fields one at a time; every malformed input is an IllegalArgumentException. */
    static final class Reader {
        private final byte[] b;
        private int pos;
        private int field;
        private int wireType;

        Reader(byte[] bytes) {
            this.b = bytes;
        }

        /** Moves to the next field's tag; false at the end. */
        boolean next() {
            if (pos >= b.length) {
                return false;
            }
            long tag = varint();
            field = (int) (tag >>> 3);
            wireType = (int) (tag & 7);
            if (field == 0) {
                throw new IllegalArgumentException("protobuf field number 0");
            }
            return true;
        }

        int field() {
            return field;
        }

        int wireType() {
            return wireType;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= b.length) {
                    throw new IllegalArgumentException("truncated varint");
                }
                int next = b[pos++] & 0xFF;
                value |= (long) (next & 0x7F) << shift;
                if ((next & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("varint too long");
        }

        byte[] bytes() {
            long length = varint();
            if (length < 0 || length > b.length - pos) {
                throw new IllegalArgumentException("length-delimited field runs past the end");
            }
            byte[] value = Arrays.copyOfRange(b, pos, pos + (int) length);
            pos += (int) length;
            return value;
        }

        /** Skips the value of the current field whatever its type. */
        void skip() {
            switch (wireType) {
                case VARINT -> varint();
                case LENGTH_DELIMITED -> bytes();
                case 1 -> advance(8);
                case 5 -> advance(4);
                default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wireType);
            }
        }

        private void advance(int n) {
            if (n > b.length - pos) {
                throw new IllegalArgumentException("fixed field runs past the end");
            }
            pos += n;
        }
    }
}

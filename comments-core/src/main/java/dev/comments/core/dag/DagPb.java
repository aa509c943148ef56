package dev.comments.core.dag;

import dev.comments.core.cid.Cid;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The dag-pb codec (0x70): a node is its links, then its data. Encoding writes the
 * canonical form kubo writes (PBNode field 2 "Links" before field 1 "Data"; in each link
 * Hash, Name, Tsize); the caller orders the links.
 */
public final class DagPb {

    private DagPb() {
    }

    /** A decoded node. */
    public record Node(List<DagLink> links, byte[] data) {
    }

    public static byte[] encode(List<DagLink> links, byte[] data) {
        Protobuf.Writer node = new Protobuf.Writer();
        for (DagLink link : links) {
            byte[] encodedLink = new Protobuf.Writer()
                    .bytesField(1, link.cid().binary())
                    .bytesField(2, link.name().getBytes(StandardCharsets.UTF_8))
                    .varintField(3, link.tsize())
                    .bytes();
            node.bytesField(2, encodedLink);
        }
        if (data != null) {
            node.bytesField(1, data);
        }
        return node.bytes();
    }

    /** Decodes a node from a peer or a daemon: anything malformed is an IllegalArgumentException. */
    public static Node decode(byte[] bytes) {
        Protobuf.Reader reader = new Protobuf.Reader(bytes);
        List<DagLink> links = new ArrayList<>();
        byte[] data = null;
        while (reader.next()) {
            if (reader.field() == 2 && reader.wireType() == Protobuf.LENGTH_DELIMITED) {
                links.add(decodeLink(reader.bytes()));
            } else if (reader.field() == 1 && reader.wireType() == Protobuf.LENGTH_DELIMITED) {
                data = reader.bytes();
            } else {
                throw new IllegalArgumentException("unexpected dag-pb field " + reader.field());
            }
        }
        return new Node(List.copyOf(links), data);
    }

    private static DagLink decodeLink(byte[] bytes) {
        Protobuf.Reader reader = new Protobuf.Reader(bytes);
        Cid cid = null;
        String name = "";
        long tsize = 0;
        while (reader.next()) {
            switch (reader.field()) {
                case 1 -> cid = Cid.fromBinary(reader.bytes());
                case 2 -> name = new String(reader.bytes(), StandardCharsets.UTF_8);
                case 3 -> tsize = reader.varint();
                default -> throw new IllegalArgumentException("unexpected dag-pb link field " + reader.field());
            }
        }
        if (cid == null) {
            throw new IllegalArgumentException("dag-pb link without a hash");
        }
        return new DagLink(cid, name, tsize);
    }
}

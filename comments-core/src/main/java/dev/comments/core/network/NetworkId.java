package dev.comments.core.network;

import dev.comments.launch.Setting;
import dev.comments.core.cid.Cid;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The network id (docs/protocol.md §2): 32 random bytes that name one comment network.
 * Servers put the bytes as a raw block and provide its CID; everyone else looks the
 * CID up in the DHT to find the servers.
 */
public record NetworkId(byte[] bytes) {

    /** The default network everybody joins unless configured otherwise. */
    public static final String DEFAULT_HEX = Setting.NETWORK_ID.defaultValue();

    private static final Pattern FORM = Pattern.compile("[0-9a-f]{64}");

    public NetworkId {
        if (bytes == null || bytes.length != 32) {
            throw new IllegalArgumentException("a network id is exactly 32 bytes");
        }
        bytes = bytes.clone();
    }

    public static NetworkId ofHex(String hex) {
        if (hex == null || !FORM.matcher(hex).matches()) {
            throw new IllegalArgumentException("network id must be 64 lowercase hex characters (32 bytes)");
        }
        return new NetworkId(HexFormat.of().parseHex(hex));
    }

    public static NetworkId defaultNetwork() {
        return ofHex(DEFAULT_HEX);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The DHT key: CIDv1, raw, sha2-256 of the 32 bytes. */
    public Cid dhtKey() {
        return Cid.ofRaw(bytes);
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkId other && java.util.Arrays.equals(other.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}

package dev.comments.server.ipfs;

import java.util.Optional;
import java.util.Set;

/**
 * What the server needs from its IPFS daemon, and nothing more: raw blocks, the files
 * API folders that mirror the store, pins, and the network-id announcement. Every
 * method throws {@link IpfsUnavailableException} when the daemon cannot do it.
 */
public interface IpfsFolders {

    /** Puts bytes as a raw block; returns its CID. */
    String putRawBlock(byte[] bytes);

    /** Copies an existing CID into the files API at path (parents created). */
    void copy(String cid, String path);

    /** The CID of a files-API path, or empty when there is no such path. */
    Optional<String> cidOf(String path);

    /** The entry names of a files-API folder, or empty when there is no such folder. */
    Set<String> names(String path);

    /** Creates a files-API folder (CIDv1, parents created). */
    void mkdir(String path);

    /** Pins the new CID recursively and releases the old pin (null when there was none). */
    void repin(String oldCid, String newCid);

    /** Announces in the DHT that this daemon provides the CID. */
    void provide(String cid);

    /** The daemon's version: a cheap call that proves it answers. */
    String version();
}

package dev.comments.server.ipfs;

import dev.comments.core.kubo.Repo;
import java.nio.file.Path;

/**
 * What the server needs from its IPFS daemon, and nothing more: blocks in, blocks out,
 * one pin moved, garbage collected, the network id announced. The published tree itself is
 * computed by the server (comments-core's dag package); the daemon only stores and serves
 * it. Every method throws {@link IpfsUnavailableException} when the daemon cannot do it.
 */
public interface IpfsFolders {

    /** Puts bytes as a raw block; returns its CID. */
    String putRawBlock(byte[] bytes);

    /** Imports every block of a CAR file in one call, pinning nothing. */
    void importCar(Path car);

    /** One block's bytes (the caller checks them against the CID). */
    byte[] block(String cid);

    /** True when the daemon keeps this CID pinned recursively: the whole DAG under it is there. */
    boolean isPinned(String cid);

    /** Pins the new CID recursively and releases the old pin (null when there was none). */
    void repin(String oldCid, String newCid);

    /**
     * Moves the recursive pin from the old CID to the new one, which must be complete here:
     * the daemon reads only the nodes in which the two differ. Fails when the old one is not pinned.
     */
    void movePin(String oldCid, String newCid);

    /** Removes every block that no pin keeps. */
    void collectGarbage();

    /** The repository's size and its storage limit. */
    Repo.Stat repoStat();

    /** Announces in the DHT that this daemon provides the CID. */
    void provide(String cid);

    /** The daemon's version: a cheap call that proves it answers. */
    String version();
}

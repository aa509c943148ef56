/**
 * The published tree as a Merkle DAG computed in the server's own memory: dag-pb nodes
 * with UnixFS directory data, flat or HAMT-sharded, byte for byte as kubo's
 * {@code ipfs add -r --cid-version=1 --raw-leaves} builds them, and CAR files to hand the
 * blocks to a daemon in one call (docs/adr/007-published-dag.md).
 *
 * <p>Written by hand: no maintained Java library encodes dag-pb or UnixFS HAMT directories
 * (the Java IPFS libraries either stop at CIDs and multihashes or are unmaintained ports
 * of go-merkledag without HAMT support). The encoders here are small and are held to
 * kubo's own output by tests that run the real daemon.
 */
package dev.comments.core.dag;

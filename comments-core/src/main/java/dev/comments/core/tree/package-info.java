/**
 * The published tree, the one place its names and shapes are written down (docs/protocol.md §4 as
 * published, {@code protocol/vectors.json} {@code tree}):
 *
 * <pre>
 * root folder (dag-pb)
 *   &lt;urlHash&gt;      → the page's folder (dag-pb)       {@link RootEntry#PAGE}
 *     &lt;id&gt;.json    → exactly the raw block &lt;id&gt;        {@link PageEntry#COMMENT}
 * </pre>
 *
 * A urlHash is 64 lowercase hex characters ({@link dev.comments.core.network.UrlHash}); an id is
 * a CIDv1, codec raw, sha2-256, in base32 ({@link CommentId}); a comment's name is
 * {@link CommentFileName}. Every other entry is foreign: readers neither follow nor read it,
 * and writers never make one. The server's store on disk has the same two levels.
 */
package dev.comments.core.tree;

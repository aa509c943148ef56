package dev.comments.core.dag;

import dev.comments.core.cid.Cid;

/**
 * One link of a dag-pb node: the child's CID, its name, and its cumulative size (the
 * child's own bytes plus the sizes of everything it links to, as kubo counts "Tsize").
 */
public record DagLink(Cid cid, String name, long tsize) {
}

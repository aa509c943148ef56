package dev.comments.sync.pull;

import dev.comments.core.cid.Cid;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Comment ids this agent fetched and refused: a CID names immutable bytes, so a refused one
 * is never fetched again, from any peer, and a peer that still lists it (another comment
 * changed its folder) is not held to it twice. Bounded: past {@link #MAX} the oldest are
 * forgotten, which costs at most one more fetch and refusal each. Lives as long as the agent.
 */
final class RefusedComments {

    static final int MAX = 100_000;

    private final Map<Cid, Boolean> ids = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Cid, Boolean> eldest) {
            return size() > MAX;
        }
    };

    synchronized void add(Cid id) {
        ids.put(id, Boolean.TRUE);
    }

    synchronized boolean contains(Cid id) {
        return ids.containsKey(id);
    }
}

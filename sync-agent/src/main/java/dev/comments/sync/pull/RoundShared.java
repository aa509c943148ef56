package dev.comments.sync.pull;

import dev.comments.core.cid.Cid;
import dev.comments.core.kubo.KuboClient;
import dev.comments.core.withheld.Withheld;
import dev.comments.core.withheld.WithheldLists;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the peers of one round share: our own published tree, read once and only if a
 * peer's root changed, the ids being fetched, so two peers offering the same new
 * comment do not both fetch it, and what the operator withholds.
 */
public final class RoundShared {

    private final KuboClient kubo;
    private final java.nio.file.Path dataDir;
    private final Set<Cid> claimed = ConcurrentHashMap.newKeySet();
    private volatile LocalTree local;

    private final java.util.function.Consumer<LocalTree> remember;
    private final LocalTree last;
    private final WithheldLists lists;
    private volatile Withheld withheld;

    /** {@code last}: our tree as the previous round read it, reused while our root is the same. */
    RoundShared(KuboClient kubo, java.nio.file.Path dataDir, LocalTree last, java.util.function.Consumer<LocalTree> remember,
            WithheldLists lists) {
        this.kubo = kubo;
        this.dataDir = dataDir;
        this.last = last;
        this.remember = remember;
        this.lists = lists;
    }

    /** What the operator withholds, read once per round (re-read only if a list changed). */
    public Withheld withheld() throws IOException {
        Withheld w = withheld;
        if (w == null) {
            w = lists.current();
            withheld = w;
        }
        return w;
    }

    /** Our published tree; a KuboException when the daemon cannot say. */
    public LocalTree local() {
        LocalTree tree = local;
        if (tree == null) {
            synchronized (this) {
                tree = local;
                if (tree == null) {
                    tree = LocalTree.read(kubo, dataDir, last);
                    local = tree;
                    remember.accept(tree);
                }
            }
        }
        return tree;
    }

    /** True for the first caller this round; the others leave that comment to it. */
    public boolean claim(Cid id) {
        return claimed.add(id);
    }
}

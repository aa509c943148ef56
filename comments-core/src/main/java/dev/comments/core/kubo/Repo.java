package dev.comments.core.kubo;

import dev.comments.core.cid.Cid;
import java.util.ArrayList;
import java.util.List;

/** {@code ipfs repo …}: the daemon's local storage. */
public final class Repo {

    private final KuboRpc rpc;

    Repo(KuboRpc rpc) {
        this.rpc = rpc;
    }

    /** The repository's size and the daemon's storage limit (Datastore.StorageMax), in bytes. */
    public record Stat(long repoSize, long storageMax) {
    }

    /** {@code repo/stat --size-only}: sizes only, without counting the blocks one by one. */
    public Stat stat() {
        return rpc.json(Command.of("repo/stat").option("size-only", true),
                o -> new Stat(KuboJson.number(o, "RepoSize"), KuboJson.number(o, "StorageMax")));
    }

    /**
     * Runs garbage collection: removes every block that no pin and no files-API entry
     * keeps. Returns the removed CIDs. kubo streams one line per removed block and reports
     * problems as {@code {"Error": "…"}} lines, which end the call as a {@link KuboException}.
     */
    public List<Cid> gc() {
        List<Cid> removed = new ArrayList<>();
        rpc.stream(Command.of("repo/gc"), o -> {
            String error = KuboJson.text(o, "Error");
            if (!error.isEmpty()) {
                throw new KuboException("repo/gc", 200, error);
            }
            removed.add(KuboJson.cid(o, "Key"));
            return NdjsonSubscriber.Next.MORE;
        });
        return removed;
    }
}

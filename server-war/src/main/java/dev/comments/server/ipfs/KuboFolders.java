package dev.comments.server.ipfs;

import dev.comments.core.cid.Cid;
import dev.comments.core.kubo.KuboClient;
import dev.comments.core.kubo.KuboException;
import dev.comments.core.kubo.Repo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/** {@link IpfsFolders} on a kubo daemon, through comments-core's Kubo RPC client. */
public final class KuboFolders implements IpfsFolders {

    /**
     * Importing a whole store (100,000 pages: about 80 MB of CAR), pinning it and
     * collecting garbage scale with the store; they get minutes, not the default deadline.
     */
    private static final Duration LONG_TIMEOUT = Duration.ofMinutes(10);

    private final KuboClient kubo;
    private final KuboClient patient;
    /** Health must answer fast, whatever the deadline of other calls ({@code health.ipfs.timeout.ms}). */
    private final KuboClient quick;

    public KuboFolders(KuboClient kubo, Duration healthTimeout) {
        this.kubo = kubo;
        this.patient = kubo.withTimeout(LONG_TIMEOUT);
        this.quick = kubo.withTimeout(healthTimeout);
    }

    @Override
    public String putRawBlock(byte[] bytes) {
        return call(() -> kubo.block.put(bytes, false).key().text());
    }

    @Override
    public void importCar(Path car) {
        call(() -> patient.dag.importCarFile(car, false));
    }

    @Override
    public byte[] block(String cid) {
        return call(() -> kubo.block.get(Cid.parse(cid)));
    }

    @Override
    public boolean isPinned(String cid) {
        return call(() -> kubo.pin.isPinnedRecursively(Cid.parse(cid)));
    }

    @Override
    public void repin(String oldCid, String newCid) {
        call(() -> {
            if (oldCid == null || !kubo.pin.isPinnedRecursively(Cid.parse(oldCid))) {
                patient.pin.add(Cid.parse(newCid));
            } else if (!oldCid.equals(newCid)) {
                patient.pin.update(Cid.parse(oldCid), Cid.parse(newCid));
            }
            return null;
        });
    }

    @Override
    public void movePin(String oldCid, String newCid) {
        call(() -> {
            patient.pin.update(Cid.parse(oldCid), Cid.parse(newCid));
            return null;
        });
    }

    @Override
    public void collectGarbage() {
        call(patient.repo::gc);
    }

    @Override
    public Repo.Stat repoStat() {
        return call(quick.repo::stat); // for /metrics and the daemon watch: must not hold either up
    }

    @Override
    public void provide(String cid) {
        call(() -> {
            kubo.routing.provide(Cid.parse(cid));
            return null;
        });
    }

    @Override
    public String version() {
        return call(() -> quick.version().version());
    }

    private static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (KuboException e) {
            throw new IpfsUnavailableException(e.getMessage(), e);
        }
    }
}

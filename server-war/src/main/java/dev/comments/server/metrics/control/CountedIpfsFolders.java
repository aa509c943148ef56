package dev.comments.server.metrics.control;

import dev.comments.core.kubo.Repo;
import dev.comments.server.ipfs.IpfsFolders;
import java.util.function.Supplier;

/** {@link IpfsFolders} that counts every daemon call, and those that failed (any exception), in {@link ServerMetrics}. */
public final class CountedIpfsFolders implements IpfsFolders {

    private final IpfsFolders daemon;
    private final ServerMetrics metrics;

    public CountedIpfsFolders(IpfsFolders daemon, ServerMetrics metrics) {
        this.daemon = daemon;
        this.metrics = metrics;
    }

    @Override
    public String putRawBlock(byte[] bytes) {
        return counted("block_put", () -> daemon.putRawBlock(bytes));
    }

    @Override
    public void importCar(java.nio.file.Path car) {
        counted("dag_import", () -> {
            daemon.importCar(car);
            return null;
        });
    }

    @Override
    public byte[] block(String cid) {
        return counted("block_get", () -> daemon.block(cid));
    }

    @Override
    public boolean isPinned(String cid) {
        return counted("pin_ls", () -> daemon.isPinned(cid));
    }

    @Override
    public void repin(String oldCid, String newCid) {
        counted("pin", () -> {
            daemon.repin(oldCid, newCid);
            return null;
        });
    }

    @Override
    public void movePin(String oldCid, String newCid) {
        counted("pin_update", () -> {
            daemon.movePin(oldCid, newCid);
            return null;
        });
    }

    @Override
    public void collectGarbage() {
        counted("repo_gc", () -> {
            daemon.collectGarbage();
            return null;
        });
    }

    @Override
    public Repo.Stat repoStat() {
        return counted("repo_stat", daemon::repoStat);
    }

    @Override
    public void provide(String cid) {
        counted("routing_provide", () -> {
            daemon.provide(cid);
            return null;
        });
    }

    @Override
    public String version() {
        return counted("version", daemon::version);
    }

    private <T> T counted(String call, Supplier<T> work) {
        boolean failed = true;
        try {
            T result = work.get();
            failed = false;
            return result;
        } finally {
            metrics.daemonCall(call, failed);
        }
    }
}

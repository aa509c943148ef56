package dev.comments.server.ipfs;

import dev.comments.core.cid.Cid;
import dev.comments.core.kubo.FileEntry;
import dev.comments.core.kubo.KuboClient;
import dev.comments.core.kubo.KuboException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** {@link IpfsFolders} on a kubo daemon, through comments-core's Kubo RPC client. */
public final class KuboFolders implements IpfsFolders {

    /** Health must answer fast, whatever the default deadline of other calls. */
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(3);

    private final KuboClient kubo;

    public KuboFolders(KuboClient kubo) {
        this.kubo = kubo;
    }

    @Override
    public String putRawBlock(byte[] bytes) {
        return call(() -> kubo.block.put(bytes, false).key().text());
    }

    @Override
    public void copy(String cid, String path) {
        call(() -> {
            kubo.files.cp(Cid.parse(cid), path);
            return null;
        });
    }

    @Override
    public Optional<String> cidOf(String path) {
        return call(() -> {
            try {
                return Optional.of(kubo.files.stat(path).hash().text());
            } catch (KuboException e) {
                if (isMissing(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public Set<String> names(String path) {
        return call(() -> {
            try {
                return kubo.files.ls(path).stream().map(FileEntry::name).collect(Collectors.toSet());
            } catch (KuboException e) {
                if (isMissing(e)) {
                    return Set.of();
                }
                throw e;
            }
        });
    }

    @Override
    public void mkdir(String path) {
        call(() -> {
            kubo.files.mkdir(path);
            return null;
        });
    }

    @Override
    public void repin(String oldCid, String newCid) {
        call(() -> {
            if (oldCid == null) {
                kubo.pin.add(Cid.parse(newCid));
            } else {
                kubo.pin.update(Cid.parse(oldCid), Cid.parse(newCid));
            }
            return null;
        });
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
        return call(() -> kubo.withTimeout(HEALTH_TIMEOUT).version().version());
    }

    private static boolean isMissing(KuboException e) {
        return e.kuboMessage() != null && e.kuboMessage().contains("does not exist");
    }

    private static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (KuboException e) {
            throw new IpfsUnavailableException(e.getMessage(), e);
        }
    }
}

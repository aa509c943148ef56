package dev.comments.core.kubo;

import com.github.mizosoft.methanol.MultipartBodyPublisher;
import dev.comments.core.cid.Cid;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ipfs dag export|import}: a whole DAG as one CAR file (CARv1), for backups and for
 * moving a server's store. kubo checks every block of an imported CAR against its CID.
 */
public final class Dag {

    private final KuboRpc rpc;

    Dag(KuboRpc rpc) {
        this.rpc = rpc;
    }

    /** The DAG under {@code root} as CAR bytes (held in memory: a comment store is small). */
    public byte[] export(Cid root) {
        return rpc.bytes(Command.of("dag/export").arg(root.toString()));
    }

    /** Imports a CAR's blocks and pins its roots; returns the roots. */
    public List<Cid> importCar(byte[] car) {
        return importCar(Multipart.file("import.car", car), true);
    }

    /**
     * Imports the blocks of a CAR file streamed from disk, in one call. With
     * {@code pinRoots} false nothing is pinned: the caller moves its own pin afterwards
     * (kubo checks every block against its CID either way).
     */
    public List<Cid> importCarFile(Path car, boolean pinRoots) {
        return importCar(Multipart.file("import.car", car), pinRoots);
    }

    /** What {@code ipfs dag stat} counts of a DAG: distinct blocks and their total size (fetching what is missing). */
    public DagStat stat(Cid root) {
        List<DagStat> last = new ArrayList<>();
        rpc.stream(Command.of("dag/stat").arg(root.toString()).option("progress", false), o -> {
            if (o.containsKey("UniqueBlocks")) {
                last.clear();
                last.add(new DagStat(number(o, "UniqueBlocks"), number(o, "TotalSize")));
            }
            return NdjsonSubscriber.Next.MORE;
        });
        if (last.isEmpty()) {
            throw new KuboException("dag/stat", 200, "no summary in the answer");
        }
        return last.get(0);
    }

    private static long number(JsonObject o, String key) {
        return o.containsKey(key) ? o.getJsonNumber(key).longValueExact() : 0;
    }

    /** A DAG's distinct blocks and their total bytes. */
    public record DagStat(long uniqueBlocks, long totalSize) {
    }

    private List<Cid> importCar(MultipartBodyPublisher body, boolean pinRoots) {
        List<Cid> roots = new ArrayList<>();
        rpc.stream(Command.of("dag/import").option("pin-roots", pinRoots)
                .body(body, body.mediaType().toString()), o -> {
                    JsonObject root = o.getJsonObject("Root");
                    if (root != null) {
                        String error = KuboJson.text(root, "PinErrorMsg");
                        if (!error.isEmpty()) {
                            throw new KuboException("dag/import", 200, error);
                        }
                        roots.add(KuboJson.cid(root, "Cid"));
                    }
                    return NdjsonSubscriber.Next.MORE;
                });
        return roots;
    }
}

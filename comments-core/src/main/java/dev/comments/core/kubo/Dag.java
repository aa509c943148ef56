package dev.comments.core.kubo;

import com.github.mizosoft.methanol.MultipartBodyPublisher;
import dev.comments.core.cid.Cid;
import jakarta.json.JsonObject;
import java.util.ArrayList;
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
        MultipartBodyPublisher body = Multipart.file("import.car", car);
        List<Cid> roots = new ArrayList<>();
        rpc.stream(Command.of("dag/import").option("pin-roots", true)
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

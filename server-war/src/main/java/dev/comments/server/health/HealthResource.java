package dev.comments.server.health;

import dev.comments.core.config.Config;
import dev.comments.core.json.Jsons;
import dev.comments.launch.Setting;
import dev.comments.core.store.CommentStore;
import dev.comments.server.ipfs.IpfsFolders;
import dev.comments.server.ipfs.IpfsUnavailableException;
import dev.comments.server.work.WorkPools;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;

/** 200 when the store, the IPFS daemon and the worker pools answer, 503 otherwise, with what failed (docs/protocol.md §5). */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Inject
    CommentStore store;

    @Inject
    IpfsFolders ipfs;

    @Inject
    ServerVersion version;

    @Inject
    WorkPools pools;

    @Inject
    Config config;

    @GET
    public Response health() {
        boolean storeOk = Files.isDirectory(store.root()) && Files.isWritable(store.root());
        String daemon;
        boolean daemonOk;
        try {
            daemon = "ok (kubo " + ipfs.version() + ")";
            daemonOk = true;
        } catch (IpfsUnavailableException e) {
            daemon = "down: " + e.getMessage();
            daemonOk = false;
        }
        boolean poolsOk = pools.accepting();
        boolean ok = storeOk && daemonOk && poolsOk;
        JsonObjectBuilder body = Jsons.object()
                .add("status", ok ? "ok" : "unavailable")
                .add("store", storeOk ? "ok" : "not writable: " + store.root())
                .add("daemon", daemon)
                .add("workers", poolsOk ? "ok" : "starting")
                .add("version", version.get())
                // What a client must stamp a comment with for this server to take it (docs/protocol.md §3.9).
                .add("stampMinBits", config.integer(Setting.STAMP_MIN_BITS));
        return Response.status(ok ? 200 : 503).entity(body.build().toString()).build();
    }
}

package dev.comments.server.withheld;

import dev.comments.core.withheld.WithheldLists;
import dev.comments.server.errors.ErrorCode;
import dev.comments.server.work.WorkPools;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /withheld}: the operator's own withheld list, as the file holds it, for other
 * operators to read and follow (docs/protocol.md §5.6). Only the operator's own entries: a list
 * this server follows is not passed on, so nobody withholds on a network's behalf but for
 * those who chose to follow them.
 */
@Path("withheld")
public class WithheldResource {

    @Inject
    WithheldLists lists;

    @Inject
    WorkPools pools;

    /** On the GET pool, as every read: a list may be megabytes. */
    @GET
    public CompletionStage<Response> own() {
        return pools.onGetPool(this::read);
    }

    private Response read() {
        try {
            byte[] text = Files.readAllBytes(lists.ownFile());
            return Response.ok(text, "text/plain; charset=utf-8").build();
        } catch (NoSuchFileException e) {
            return Response.ok(new byte[0], "text/plain; charset=utf-8").build();
        } catch (IOException e) {
            throw ErrorCode.STORE_ERROR.exception("the withheld list could not be read");
        }
    }
}

package dev.comments.server.comments.boundary;

import dev.comments.core.json.Jsons;
import dev.comments.core.log.EventLog;
import dev.comments.core.cid.Cid;
import dev.comments.core.network.UrlHash;
import dev.comments.core.store.CommentStore;
import dev.comments.core.store.DiskFloor;
import dev.comments.core.tree.CommentId;
import dev.comments.server.comments.control.BucketPrefix;
import dev.comments.server.comments.control.CommentPoster;
import dev.comments.server.comments.control.FolderPublisher;
import dev.comments.server.comments.control.RebuildingException;
import dev.comments.server.comments.control.PostedBody;
import dev.comments.server.errors.ApiException;
import dev.comments.server.errors.ErrorCode;
import dev.comments.server.ipfs.IpfsUnavailableException;
import dev.comments.server.clients.ClientAddresses;
import dev.comments.server.ratelimit.RateLimiter;
import dev.comments.server.work.WorkPools;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** The comment API of docs/protocol.md §5: thin, it reads the request and hands the work to a pool. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class CommentsResource {


    @Inject
    WorkPools pools;

    @Inject
    FolderPublisher folders;

    @Inject
    CommentPoster poster;

    @Inject
    RateLimiter limiter;

    @Inject
    ClientAddresses clients;

    @Inject
    DiskFloor disk;

    @Inject
    CommentStore store;

    /**
     * The root's CID, for peers. A root or page unchanged since it was published is
     * answered before Jersey ({@link SettledFolderFilter}); what reaches these methods
     * needs the store or the daemon, so it runs on the GET pool.
     */
    @GET
    public CompletionStage<Response> tree(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return pools.onGetPool(ipfsWork(() -> FolderAnswer.of(folders.tree(), ifNoneMatch)));
    }

    /** A page's folder CID and count. */
    @GET
    @Path("{urlHash}")
    public CompletionStage<Response> page(@PathParam("urlHash") String urlHash,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        UrlHash page = parse(urlHash);
        return pools.onGetPool(ipfsWork(() -> FolderAnswer.of(folders.page(page), ifNoneMatch)));
    }

    /**
     * The counts of every page in a bucket (docs/protocol.md §5.8): the pages whose urlHash starts
     * with {@code prefix}, so that a reader's badge never names its page. The server learns the
     * prefix alone; the answer is bounded ({@link BucketPrefix}).
     */
    @GET
    @Path("counts/{prefix}")
    public CompletionStage<Response> bucket(@PathParam("prefix") String prefix,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        if (!BucketPrefix.isValid(prefix)) {
            throw badPrefix();
        }
        return pools.onGetPool(ipfsWork(() -> BucketAnswer.of(folders.bucket(prefix), ifNoneMatch)));
    }

    /**
     * {@code GET /counts} or {@code /counts/} (Jersey matches either here): the same 400 as a bad
     * prefix, not {@code bad-url-hash} for a page named "counts".
     */
    @GET
    @Path("counts")
    public Response bucketWithoutPrefix() {
        throw badPrefix();
    }

    private static ApiException badPrefix() {
        return ErrorCode.BAD_PREFIX.exception();
    }

    /** One stored comment file, as the Location of a POST names it; readers still verify it. */
    @GET
    @Path("{urlHash}/{id}")
    public CompletionStage<Response> comment(@PathParam("urlHash") String urlHash, @PathParam("id") String id) {
        UrlHash page = parse(urlHash);
        Cid cid = parseId(id);
        return pools.onGetPool(() -> {
            try {
                return store.read(page, cid).map(bytes -> Response.ok(bytes).build())
                        .orElseGet(() -> ErrorCode.NOT_FOUND.response("no comment " + cid + " on this page"));
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @POST
    @Path("{urlHash}")
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> post(@PathParam("urlHash") String urlHash,
            @HeaderParam("Content-Length") String contentLength, InputStream body,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        UrlHash page = parse(urlHash);
        long wait = limiter.take(clients.clientKey(request));
        if (wait > 0) {
            throw new ApiException(ErrorCode.RATE_LIMITED.builder(
                    "too many comments from your address; retry in " + wait + " s").header("Retry-After", wait),
                    "rate limited");
        }
        // counted in /metrics (status 507, comments_disk_free_bytes), not logged per POST: a flood would fill the log
        if (disk.shortage().isPresent()) {
            throw new ApiException(ErrorCode.INSUFFICIENT_STORAGE.builder(
                    "this server is low on disk space and takes no new comments for now; post to another server"),
                    "low on disk");
        }
        byte[] bytes = PostedBody.read(contentLength, body);
        java.net.URI base = uri.getBaseUri();
        return pools.onPostPool(() -> poster.post(page, bytes).thenApply(posted -> {
            String id = posted.comment().id().text();
            String json = Jsons.object().add("id", id).build().toString();
            return posted.created() ? Response.created(base.resolve(page.hex() + "/" + id)).entity(json).build()
                    : Response.ok(json).build();
        }));
    }

    private static UrlHash parse(String urlHash) {
        if (!UrlHash.isValid(urlHash)) {
            throw ErrorCode.BAD_URL_HASH.exception();
        }
        return new UrlHash(urlHash);
    }

    private static Cid parseId(String id) {
        return CommentId.parse(id).orElseThrow(
                ErrorCode.BAD_ID::exception);
    }

    /** GET work needs the daemon; when it cannot help, the answer is a clear 503, and POST is unaffected. */
    private static Supplier<Response> ipfsWork(Supplier<Response> work) {
        return () -> {
            try {
                return work.get();
            } catch (RebuildingException e) {
                return ErrorCode.REBUILDING.response();
            } catch (IpfsUnavailableException e) {
                EventLog.event("warn", "ipfs-unavailable", "error", e.getMessage());
                return ErrorCode.IPFS_UNAVAILABLE.response();
            } catch (UncheckedIOException e) {
                EventLog.event("error", "store-error", "error", e.getMessage());
                return ErrorCode.STORE_ERROR.response();
            }
        };
    }
}

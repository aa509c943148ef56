package dev.comments.server.work;

import dev.comments.core.log.EventLog;
import dev.comments.server.errors.ApiError;
import dev.comments.server.errors.ApiException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * GET work and POST work run on two separate managed executors, so that slow IPFS work
 * behind GET never holds up posting (the seed's "separate handlers"). Each pool admits a
 * bounded number of requests (running plus waiting); past that the answer is 503 with
 * Retry-After at once, never an unbounded backlog.
 */
@ApplicationScoped
@ManagedExecutorDefinition(name = WorkPools.GET_POOL, maxAsync = WorkPools.GET_THREADS)
@ManagedExecutorDefinition(name = WorkPools.POST_POOL, maxAsync = WorkPools.POST_THREADS)
public class WorkPools {

    static final String GET_POOL = "java:app/concurrent/GetExecutor";
    static final String POST_POOL = "java:app/concurrent/PostExecutor";
    static final int GET_THREADS = 4;
    static final int POST_THREADS = 4;
    /** Requests admitted per pool beyond those running: enough for bursts, small enough to answer fast. */
    static final int GET_ADMITTED = 64;
    static final int POST_ADMITTED = 128;

    private static final Logger LOG = Logger.getLogger(WorkPools.class.getName());

    @Resource(lookup = GET_POOL)
    ManagedExecutorService getExecutor;

    @Resource(lookup = POST_POOL)
    ManagedExecutorService postExecutor;

    private final Semaphore getAdmission = new Semaphore(GET_ADMITTED);
    private final Semaphore postAdmission = new Semaphore(POST_ADMITTED);

    public CompletionStage<Response> onGetPool(Supplier<Response> work) {
        return run(getExecutor, getAdmission, "GET", work);
    }

    public CompletionStage<Response> onPostPool(Supplier<Response> work) {
        return run(postExecutor, postAdmission, "POST", work);
    }

    /**
     * Whether both pools run work now. Right after deployment a managed executor may still
     * refuse tasks; health reports that, so nobody counts on the server before it can answer.
     */
    public boolean accepting() {
        try {
            getExecutor.supplyAsync(() -> true).get(2, java.util.concurrent.TimeUnit.SECONDS);
            postExecutor.supplyAsync(() -> true).get(2, java.util.concurrent.TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                | RejectedExecutionException e) {
            return false;
        }
    }

    /** Requests waiting or running on each pool, for health and metrics. */
    public int getInFlight() {
        return GET_ADMITTED - getAdmission.availablePermits();
    }

    public int postInFlight() {
        return POST_ADMITTED - postAdmission.availablePermits();
    }

    private static CompletionStage<Response> run(ManagedExecutorService executor, Semaphore admission, String pool,
            Supplier<Response> work) {
        if (!admission.tryAcquire()) {
            return CompletableFuture.completedFuture(busy(pool));
        }
        try {
            return executor.supplyAsync(work)
                    .exceptionally(WorkPools::toResponse)
                    .whenComplete((r, e) -> admission.release());
        } catch (RejectedExecutionException e) {
            admission.release();
            LOG.warning(() -> "event=pool-rejected" + EventLog.pairs("pool", pool, "error", e.getMessage()));
            return CompletableFuture.completedFuture(busy(pool));
        }
    }

    private static Response busy(String pool) {
        return ApiError.builder(503, "busy", "the server is busy with " + pool + " requests; retry shortly")
                .header("Retry-After", "1").build();
    }

    private static Response toResponse(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof WebApplicationException wae && (cause instanceof ApiException)) {
            return wae.getResponse();
        }
        LOG.log(Level.SEVERE, "event=unexpected-error", cause);
        return ApiError.response(500, "internal", "internal error; see the server log");
    }
}

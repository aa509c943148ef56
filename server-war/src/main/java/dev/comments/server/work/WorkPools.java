package dev.comments.server.work;

import dev.comments.core.lifecycle.Lifecycle;
import dev.comments.core.lifecycle.LifecycleGate;
import dev.comments.core.lifecycle.Shutdown;
import dev.comments.core.log.EventLog;
import dev.comments.server.errors.ApiException;
import dev.comments.server.errors.ErrorCode;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * GET work and POST work run on two separate managed executors, so that slow IPFS work
 * behind GET never holds up posting (the seed's "separate handlers"). Each pool admits a
 * bounded number of requests (running plus waiting); past that the answer is 503 with
 * Retry-After at once, never an unbounded backlog.
 *
 * <p>The two pools are the container's; what is this part's own is the pool that writes
 * answers ({@link #answers}), a long-running part ({@link Lifecycle}) started and stopped
 * with the server's others ({@code lifecycle/ServerParts}). Until it starts and once it has
 * stopped, answers are written on the thread whose work ended.
 */
@ApplicationScoped
@ManagedExecutorDefinition(name = WorkPools.GET_POOL, maxAsync = WorkPools.GET_THREADS)
@ManagedExecutorDefinition(name = WorkPools.POST_POOL, maxAsync = WorkPools.POST_THREADS)
public class WorkPools implements Lifecycle {

    static final String GET_POOL = "java:app/concurrent/GetExecutor";
    static final String POST_POOL = "java:app/concurrent/PostExecutor";
    static final int GET_THREADS = 4;
    static final int POST_THREADS = 4;
    /** Requests admitted per pool beyond those running: enough for bursts, small enough to answer fast. */
    static final int GET_ADMITTED = 64;
    static final int POST_ADMITTED = 128;
    static final int ANSWER_THREADS = 2;
    /** How long a stop waits for answers being written: each is a completed future's, so short. */
    static final Duration GRACE = Duration.ofSeconds(5);

    @Resource(lookup = GET_POOL)
    ManagedExecutorService getExecutor;

    @Resource(lookup = POST_POOL)
    ManagedExecutorService postExecutor;

    @Resource
    ManagedThreadFactory threadFactory;

    /**
     * Writes the answers of work that ended on another thread (a group commit's). Its threads
     * come from the managed thread factory, so they carry the application's context from
     * their start, and a task costs no context capture (in Payara each capture scans the
     * class path for context providers: a fifth of a POST's CPU when this was a second
     * submission to the POST pool, issue 18's profile).
     */
    private volatile ExecutorService answers;
    private final LifecycleGate gate = new LifecycleGate("the work pools");

    @Override
    public void start() {
        gate.start(() -> answers = Executors.newFixedThreadPool(ANSWER_THREADS, threadFactory));
    }

    /** Lets the answers queued be written (within {@link #GRACE}), then returns with the pool's threads done. */
    @Override
    public void stop() {
        gate.stop(this::stopAnswering);
    }

    private void stopAnswering() {
        Shutdown.within(answers, GRACE);
    }

    /** Whether the answer pool's threads are done (for tests: they are once stop has returned). */
    boolean stopped() {
        ExecutorService pool = answers;
        return pool == null || pool.isTerminated();
    }

    private final Semaphore getAdmission = new Semaphore(GET_ADMITTED);
    private final Semaphore postAdmission = new Semaphore(POST_ADMITTED);

    public CompletionStage<Response> onGetPool(Supplier<Response> work) {
        return run(getExecutor, getAdmission, "GET", () -> CompletableFuture.completedFuture(work.get()));
    }

    /**
     * POST work returns a stage: the comment is verified and queued on the pool's thread,
     * which is then free while the group commit makes it durable; so every waiting post
     * joins the next batch, however few threads the pool has. Its admission permit is held
     * until the answer, so the pool's bound counts posts waiting for the disk too.
     */
    public CompletionStage<Response> onPostPool(Supplier<CompletionStage<Response>> work) {
        return run(postExecutor, postAdmission, "POST", work);
    }

    /**
     * Whether both pools run work now. Right after deployment a managed executor may still
     * refuse tasks; health reports that, so nobody counts on the server before it can answer.
     */
    public boolean accepting() {
        try {
            getExecutor.supplyAsync(() -> true).get(2, TimeUnit.SECONDS);
            postExecutor.supplyAsync(() -> true).get(2, TimeUnit.SECONDS);
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

    /**
     * Runs work on a managed executor with one task submission (one context capture: in
     * Payara each capture scans the class path for context providers, so the stage
     * methods of a managed future, which capture again per step, are not used). The
     * answer is written on the work's thread, or, when the work's stage ends elsewhere
     * (the group commit's thread), on {@link #answers}, so that thread goes straight back
     * to the disk.
     */
    private CompletionStage<Response> run(ManagedExecutorService executor, Semaphore admission, String pool,
            Supplier<CompletionStage<Response>> work) {
        if (!admission.tryAcquire()) {
            return CompletableFuture.completedFuture(busy(pool));
        }
        CompletableFuture<Response> answer = new CompletableFuture<>();
        answer.whenComplete((r, e) -> admission.release());
        try {
            executor.execute(() -> {
                CompletableFuture<Response> stage;
                try {
                    stage = work.get().toCompletableFuture();
                } catch (RuntimeException e) {
                    answer.complete(toResponse(e));
                    return;
                }
                if (stage.isDone()) {
                    complete(answer, stage);
                } else {
                    stage.whenComplete((r, e) -> answerOn(answers, answer, stage));
                }
            });
        } catch (RejectedExecutionException e) {
            EventLog.event("warn", "pool-rejected", "pool", pool, "error", e.getMessage());
            answer.complete(busy(pool));
        }
        return answer;
    }

    private static void answerOn(ExecutorService executor, CompletableFuture<Response> answer,
            CompletableFuture<Response> stage) {
        if (executor == null) {
            complete(answer, stage); // not started yet: answer from here rather than never
            return;
        }
        try {
            executor.execute(() -> complete(answer, stage));
        } catch (RejectedExecutionException e) {
            complete(answer, stage); // shutting down: answer from here rather than never
        }
    }

    private static void complete(CompletableFuture<Response> answer, CompletableFuture<Response> done) {
        try {
            answer.complete(done.join());
        } catch (RuntimeException e) {
            answer.complete(toResponse(e));
        }
    }

    private static Response busy(String pool) {
        return ErrorCode.BUSY.response("the server is busy with " + pool + " requests; retry shortly");
    }

    private static Response toResponse(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof WebApplicationException wae && (cause instanceof ApiException)) {
            return wae.getResponse();
        }
        EventLog.failure("unexpected-error", cause);
        return ErrorCode.INTERNAL.response("internal error; see the server log");
    }
}

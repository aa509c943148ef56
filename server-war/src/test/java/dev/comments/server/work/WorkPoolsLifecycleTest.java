package dev.comments.server.work;

import static dev.comments.server.testing.ManagedStandIns.executor;
import static dev.comments.server.testing.ManagedStandIns.threadFactory;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.server.testing.ManagedStandIns.CountedThreads;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The work pools' answer writer keeps the start/stop contract of every long-running part (Lifecycle). */
class WorkPoolsLifecycleTest {

    private final ExecutorService plainPost = Executors.newSingleThreadExecutor();
    private final CountedThreads threads = new CountedThreads();

    @AfterEach
    void shutDown() {
        plainPost.shutdownNow();
    }

    @Test
    void startsOnceAndItsAnswerThreadsAreDoneWhenStopReturns() throws InterruptedException {
        WorkPools pools = pools();
        pools.start();
        assertThrows(IllegalStateException.class, pools::start, "the work pools start once");
        assertTrue(answerOnTheAnswerPool(pools).toCompletableFuture().isDone());
        assertFalse(threads.made().isEmpty(), "the answer was written on the answer pool");
        pools.stop();
        assertTrue(pools.stopped());
        assertTrue(threads.allDoneWithin(Duration.ofSeconds(5)), "the answer pool's threads end once stop returns");
        pools.stop();
    }

    @Test
    void stoppedBeforeItStartsItStillAnswersFromTheWorkersThread() {
        WorkPools pools = pools();
        pools.stop();
        pools.start();
        assertTrue(answerOnTheAnswerPool(pools).toCompletableFuture().isDone());
        assertTrue(threads.made().isEmpty(), "no answer pool was made");
        pools.stop();
        assertTrue(pools.stopped());
    }

    /** A post whose work ends on another thread than the pool's, as a group commit's does. */
    private static CompletionStage<Response> answerOnTheAnswerPool(WorkPools pools) {
        CompletableFuture<Response> durable = new CompletableFuture<>();
        CompletionStage<Response> answer = pools.onPostPool(() -> durable);
        await("the work waits for the disk").atMost(Duration.ofSeconds(5))
                .until(() -> durable.getNumberOfDependents() > 0);
        durable.complete(null);
        await("answered").atMost(Duration.ofSeconds(5)).until(() -> answer.toCompletableFuture().isDone());
        return answer;
    }

    private WorkPools pools() {
        WorkPools pools = new WorkPools();
        pools.threadFactory = threadFactory(threads);
        pools.postExecutor = executor(plainPost);
        return pools;
    }
}

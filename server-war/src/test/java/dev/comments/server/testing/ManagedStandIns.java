package dev.comments.server.testing;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * The container's concurrency resources, outside the container: each answers the methods of
 * the plain java.util.concurrent type it extends from a plain one, and refuses the rest.
 * Enough for a part's start and stop; the server's ITs run the real ones.
 */
public final class ManagedStandIns {

    private ManagedStandIns() {
    }

    public static ManagedScheduledExecutorService scheduler(ScheduledExecutorService plain) {
        return standIn(ManagedScheduledExecutorService.class, plain);
    }

    public static ManagedExecutorService executor(ExecutorService plain) {
        return standIn(ManagedExecutorService.class, plain);
    }

    public static ManagedThreadFactory threadFactory(ThreadFactory plain) {
        return standIn(ManagedThreadFactory.class, plain);
    }

    /** A thread factory that remembers its threads, to check they are done after a stop. */
    public static final class CountedThreads implements ThreadFactory {
        private final List<Thread> made = new CopyOnWriteArrayList<>();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r);
            made.add(t);
            return t;
        }

        public List<Thread> made() {
            return made;
        }

        /**
         * Whether every thread made has ended within {@code deadline}. A pool is terminated
         * once its last worker has counted itself out, which that worker does just before its
         * thread returns: so a stop that waited for termination returns while the thread may
         * still be alive for a few microseconds. Joining with a deadline waits for that, and
         * still fails on a thread the stop left running.
         */
        public boolean allDoneWithin(java.time.Duration deadline) throws InterruptedException {
            long end = System.nanoTime() + deadline.toNanos();
            for (Thread t : made) {
                t.join(java.time.Duration.ofNanos(Math.max(1, end - System.nanoTime())));
            }
            return made.stream().noneMatch(Thread::isAlive);
        }
    }

    private static <T> T standIn(Class<T> managed, Object plain) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (!method.getDeclaringClass().isInstance(plain)) {
                throw new UnsupportedOperationException(method.getName() + " has no plain stand-in");
            }
            try {
                return method.invoke(plain, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return managed.cast(Proxy.newProxyInstance(managed.getClassLoader(), new Class<?>[] {managed}, handler));
    }
}

package dev.comments.core.lifecycle;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A tick run at once and then every period, on a scheduler someone else owns (the server's
 * managed one): the background work of a part that only needs a clock. Its stop cancels
 * the ticks and returns once a tick in progress has ended: within {@code grace}, else the
 * tick is interrupted. A tick that throws ends the ticks, as the scheduler's own rule; a
 * tick should log its failures instead.
 */
public final class PeriodicTask implements Lifecycle {

    private final ScheduledExecutorService scheduler;
    private final Duration period;
    private final Duration grace;
    private final Runnable tick;
    private final LifecycleGate gate;
    /** Held while a tick runs, so that stop can wait for it. */
    private final ReentrantLock ticking = new ReentrantLock();
    private volatile ScheduledFuture<?> future;
    /** The thread of the tick in progress, to interrupt past the grace. */
    private volatile Thread tickThread;

    public PeriodicTask(String name, ScheduledExecutorService scheduler, Duration period, Duration grace, Runnable tick) {
        this.scheduler = scheduler;
        this.period = period;
        this.grace = grace;
        this.tick = tick;
        this.gate = new LifecycleGate(name);
    }

    @Override
    public void start() {
        gate.start(() -> future = scheduler.scheduleWithFixedDelay(this::runTick, 0, period.toMillis(),
                TimeUnit.MILLISECONDS));
    }

    private void runTick() {
        ticking.lock();
        tickThread = Thread.currentThread();
        try {
            if (!gate.stopping()) {
                tick.run();
            }
        } finally {
            tickThread = null;
            ticking.unlock();
        }
    }

    @Override
    public void stop() {
        gate.stop(this::cancelAndWait);
    }

    private void cancelAndWait() {
        ScheduledFuture<?> ticks = future;
        if (ticks == null) {
            return;
        }
        ticks.cancel(false);
        try {
            if (ticking.tryLock(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                ticking.unlock();
            } else {
                interruptTick();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Past the grace: the tick is interrupted (the ticks are cancelled already, so the future cannot do it). */
    private void interruptTick() {
        Thread thread = tickThread;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Whether a tick is running now (for tests: none is once stop has returned within the grace). */
    public boolean ticking() {
        return ticking.isLocked();
    }
}

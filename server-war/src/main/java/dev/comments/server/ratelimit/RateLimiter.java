package dev.comments.server.ratelimit;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client (an IPv4 address or an IPv6 /64, see ClientAddresses): {@code burst}
 * posts at once, refilled at {@code perMinute}.
 *
 * <p>Memory is bounded by {@code maxClients} buckets. The buckets are kept in the order they
 * were last used; a bucket left alone for as long as a full refill takes is full again, the
 * same as no bucket, so it is forgotten. Each new client forgets at most two such buckets from
 * the old end, which keeps the cost of a POST O(1) (no sweep of the whole table) and lets the
 * table shrink as fast as it grows. When the table is full of clients that all posted within
 * one refill time (a flood from many addresses), a new client shares one overflow bucket with
 * every other new client until room is made: the flood gets one budget more, not one per
 * address, and the clients already known keep theirs.
 *
 * <p>Budgets are not kept across a restart: a restart gives each client at most one burst more.
 */
public final class RateLimiter {

    private static final int FORGET_PER_NEW_CLIENT = 2;

    private final double capacity;
    private final double tokensPerNano;
    private final long refillNanos;
    private final int maxClients;
    private final LongSupplier clock;
    /** Access order: the least recently used bucket first. Guarded by this. */
    private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true);
    private final Bucket overflow;
    private long overflowed;

    public RateLimiter(int perMinute, int burst, int maxClients, LongSupplier nanoClock) {
        this.capacity = burst;
        this.tokensPerNano = perMinute / 60e9;
        this.refillNanos = (long) Math.ceil(burst / tokensPerNano);
        this.maxClients = maxClients;
        this.clock = nanoClock;
        this.overflow = new Bucket(nanoClock.getAsLong());
    }

    /** Takes one token for the client. Returns 0 when allowed, else the whole seconds until the next token. */
    public synchronized long take(String client) {
        long now = clock.getAsLong();
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            forgetIdle(now);
            if (buckets.size() >= maxClients) {
                overflowed++;
                return overflow.take(now);
            }
            bucket = new Bucket(now);
            buckets.put(client, bucket);
        }
        return bucket.take(now);
    }

    /** How many clients have a budget of their own now. */
    public synchronized int clients() {
        return buckets.size();
    }

    /** How many posts of new clients went to the shared overflow budget since the start. */
    public synchronized long overflowed() {
        return overflowed;
    }

    private void forgetIdle(long now) {
        Iterator<Bucket> oldestFirst = buckets.values().iterator();
        for (int i = 0; i < FORGET_PER_NEW_CLIENT && oldestFirst.hasNext(); i++) {
            if (now - oldestFirst.next().updated < refillNanos) {
                return; // the oldest is still refilling, so is every newer one
            }
            oldestFirst.remove();
        }
    }

    private final class Bucket {
        private double tokens = capacity;
        private long updated;

        Bucket(long now) {
            this.updated = now;
        }

        long take(long now) {
            tokens = Math.min(capacity, tokens + (now - updated) * tokensPerNano);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / tokensPerNano / 1e9));
        }
    }
}

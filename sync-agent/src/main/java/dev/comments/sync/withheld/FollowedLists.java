package dev.comments.sync.withheld;

import dev.comments.core.cid.Cid;
import dev.comments.core.kubo.KuboClient;
import dev.comments.core.kubo.KuboException;
import dev.comments.core.log.EventLog;
import dev.comments.core.withheld.Takedown;
import dev.comments.core.withheld.Withheld;
import dev.comments.core.withheld.WithheldEntry;
import dev.comments.core.withheld.WithheldList;
import dev.comments.core.withheld.WithheldLists;
import dev.comments.sync.pull.PeerApi;
import dev.comments.sync.pull.PeerException;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The withheld lists of other operators this server follows ({@code withheld.follow}): each is
 * fetched every {@code withheld.follow.interval.ms}, read as hostile text (bounded, bad lines
 * skipped: {@link WithheldList#parse}), kept as a copy in the data folder, and what it newly
 * names is taken out of the store at once ({@link Takedown}). A list that cannot be fetched
 * keeps its last copy; one failing source stops no other and no round.
 *
 * <p>The withheld comments' blocks leave our daemon once the server has published without them
 * (its pin moves): each round asks the daemon to remove them until it has, at most
 * {@link #MAX_PENDING} at once (more wait for the daemon's next garbage collection).
 */
public final class FollowedLists {

    static final int MAX_PENDING = 100_000;

    private final List<URI> sources;
    private final Duration interval;
    private final PeerApi api;
    private final WithheldLists lists;
    private final Takedown takedown;
    private final KuboClient kubo;
    private final Clock clock;
    private final Set<Cid> pendingRemoval = new LinkedHashSet<>();
    private Instant lastFetch = Instant.MIN;

    public FollowedLists(List<URI> sources, Duration interval, PeerApi api, WithheldLists lists, Takedown takedown,
            KuboClient kubo, Clock clock) {
        this.sources = List.copyOf(sources);
        this.interval = interval;
        this.api = api;
        this.lists = lists;
        this.takedown = takedown;
        this.kubo = kubo;
        this.clock = clock;
    }

    /** Fetches the followed lists when they are due, then retries the removal of withheld blocks. */
    public void refreshIfDue() {
        Instant now = clock.instant();
        if (!sources.isEmpty() && (lastFetch.equals(Instant.MIN) || !now.isBefore(lastFetch.plus(interval)))) {
            lastFetch = now;
            for (URI source : sources) {
                follow(source);
            }
        }
        removePending();
    }

    private void follow(URI source) {
        try {
            WithheldList fetched = WithheldList.parse(api.text(source, WithheldList.MAX_BYTES));
            WithheldList before = lists.followed(source);
            List<WithheldEntry> added = new ArrayList<>();
            for (WithheldEntry entry : fetched.entries()) {
                if (!before.contains(entry)) {
                    added.add(entry);
                }
            }
            lists.writeFollowed(source, fetched);
            List<Cid> moved = added.isEmpty() ? List.of() : takedown.apply(Withheld.of(lists.all()), added);
            for (Cid id : moved) {
                if (pendingRemoval.size() < MAX_PENDING) {
                    pendingRemoval.add(id);
                }
            }
            EventLog.event("info", "withheld-list-followed", "source", source, "entries", fetched.entries().size(),
                    "new", added.size(), "taken_out", moved.size(), "skipped_lines", fetched.problems().size());
        } catch (PeerException | IOException | RuntimeException e) {
            EventLog.event("warn", "withheld-list-unavailable", "source", source, "error", e.getMessage(),
                    "action", "its last copy stays in force; fetched again at the next interval");
        }
    }

    private void removePending() {
        if (pendingRemoval.isEmpty()) {
            return;
        }
        try {
            pendingRemoval.removeIf(kubo.block::removeUnpinned);
        } catch (KuboException e) {
            EventLog.event("warn", "withheld-blocks-kept", "blocks", pendingRemoval.size(), "error", e.getMessage(),
                    "action", "tried again next round");
        }
    }
}

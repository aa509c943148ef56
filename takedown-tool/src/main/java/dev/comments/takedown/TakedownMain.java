package dev.comments.takedown;

import dev.comments.core.cid.Cid;
import dev.comments.core.config.Config;
import dev.comments.core.kubo.KuboClient;
import dev.comments.core.kubo.KuboException;
import dev.comments.core.store.CommentStore;
import dev.comments.core.withheld.Takedown;
import dev.comments.core.withheld.Withheld;
import dev.comments.core.withheld.WithheldEntry;
import dev.comments.core.withheld.WithheldList;
import dev.comments.core.withheld.WithheldLists;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar takedown-tool.jar withhold|release|list|apply ...}, with the server's own
 * settings (COMMENTS_CONFIG, COMMENTS_*): the operator's side of docs/deploy.md, "Takedowns".
 * Exit codes: 0 done, 100 wrong usage, 111 the store, the daemon or the disk failed.
 */
public final class TakedownMain {

    static final int USAGE = 100;
    static final int SYSTEM = 111;
    private static final Duration KUBO_CALL = Duration.ofSeconds(30);

    private TakedownMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0) {
            return usage("expected a command");
        }
        try {
            Config config = Config.load();
            WithheldLists lists = new WithheldLists(config.dataDir());
            return switch (args[0]) {
                case "withhold" -> withhold(config, lists, entry(args, true));
                case "release" -> release(config, lists, entry(args, false));
                case "list" -> args.length == 1 ? list(lists) : usage("list takes nothing");
                case "apply" -> args.length == 1 ? apply(config, lists) : usage("apply takes nothing");
                default -> usage("unknown command " + args[0]);
            };
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        } catch (KuboException | IOException | UncheckedIOException | IllegalStateException e) {
            System.err.println("takedown-tool: " + e.getMessage());
            return SYSTEM;
        }
    }

    private static WithheldEntry entry(String[] args, boolean withNote) {
        if (args.length < 3 || !withNote && args.length > 3) {
            throw new IllegalArgumentException(args[0] + " takes <comment|key|page> <value>" + (withNote ? " [note...]" : ""));
        }
        return WithheldEntry.of(args[1], args[2], String.join(" ", Arrays.asList(args).subList(3, args.length)));
    }

    /** Lists the entry first (so that POST and sync refuse it from now on), then takes what it names out of the store. */
    private static int withhold(Config config, WithheldLists lists, WithheldEntry entry) throws IOException {
        lists.writeOwn(lists.own().with(entry));
        List<Cid> moved = new Takedown(CommentStore.open(config.dataDir()), lists).apply(Withheld.of(lists.all()), List.of(entry));
        System.out.println("withheld " + entry.kind().word() + " " + entry.value() + ": listed in " + lists.ownFile()
                + "; " + moved.size() + " stored comment(s) taken out of the store into " + lists.heldFiles());
        return removeBlocks(config, moved);
    }

    private static int release(Config config, WithheldLists lists, WithheldEntry entry) throws IOException {
        WithheldList own = lists.own();
        if (!own.contains(entry)) {
            System.out.println(entry.kind().word() + " " + entry.value() + " is not in " + lists.ownFile() + ": nothing changed");
        }
        lists.writeOwn(own.without(entry));
        int back = new Takedown(CommentStore.open(config.dataDir()), lists).release(Withheld.of(lists.all()));
        System.out.println("released " + entry.kind().word() + " " + entry.value() + ": " + back
                + " comment(s) back in the store (what a followed list still names stays withheld)");
        return 0;
    }

    private static int list(WithheldLists lists) throws IOException {
        WithheldList own = lists.own();
        System.out.println("# " + lists.ownFile() + ": " + own.entries().size() + " entries");
        own.entries().forEach(e -> System.out.println(e.line()));
        own.problems().forEach(p -> System.out.println("# unreadable, skipped: " + p));
        List<WithheldList> all = lists.all();
        for (WithheldList followed : all.subList(1, all.size())) {
            System.out.println("# a followed list: " + followed.entries().size() + " entries");
        }
        return 0;
    }

    /** Takes out of the store whatever any list names (after a restore, or an edit of the file by hand). */
    private static int apply(Config config, WithheldLists lists) throws IOException {
        List<WithheldList> all = lists.all();
        List<WithheldEntry> entries = all.stream().flatMap(l -> l.entries().stream()).toList();
        all.stream().flatMap(l -> l.problems().stream()).forEach(p -> System.err.println("takedown-tool: skipped " + p));
        List<Cid> moved = new Takedown(CommentStore.open(config.dataDir()), lists).apply(Withheld.of(all), entries);
        System.out.println("applied " + entries.size() + " entries: " + moved.size() + " stored comment(s) taken out of the store");
        return removeBlocks(config, moved);
    }

    /**
     * Removes the withheld comments' blocks from the daemon (its gateway would serve them to
     * anyone asking by CID), once the server has published without them and its pin moved.
     */
    private static int removeBlocks(Config config, List<Cid> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        try (KuboClient kubo = KuboClient.connect(config.ipfsApi(), KUBO_CALL)) {
            List<Cid> kept = new BlockRemoval(kubo).remove(ids, BlockRemoval.WAIT);
            if (kept.isEmpty()) {
                System.out.println("their blocks left the IPFS repository");
            } else {
                System.out.println(kept.size() + " block(s) are still pinned after " + BlockRemoval.WAIT.toSeconds()
                        + " s: the server unpins them when it publishes next (is it running?), and its garbage"
                        + " collection removes them; run the command again to check");
            }
        } catch (KuboException e) {
            System.out.println("the IPFS daemon did not answer (" + e.getMessage() + "): the blocks leave at the"
                    + " server's next garbage collection once it publishes without them");
        }
        return 0;
    }

    private static int usage(String why) {
        System.err.println("takedown-tool: " + why + "\n"
                + "usage: takedown-tool withhold <comment|key|page> <value> [note...]   withhold it here, now and from peers\n"
                + "       takedown-tool release <comment|key|page> <value>              undo a withhold\n"
                + "       takedown-tool list                                            what is withheld\n"
                + "       takedown-tool apply                                           apply every list again\n"
                + "settings: the server's (COMMENTS_CONFIG, COMMENTS_*): its data folder and its daemon");
        return USAGE;
    }
}

package dev.comments.backup;

import dev.comments.core.config.Config;
import dev.comments.core.kubo.KuboClient;
import dev.comments.core.kubo.KuboException;
import dev.comments.core.store.CommentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code java -jar backup-tool.jar export <dir|file.car> [--page <urlHash>]} and
 * {@code import <file.car>}, with the server's own settings (COMMENTS_CONFIG, COMMENTS_*).
 * Exit codes: 0 done, 1 import refused (nothing imported), 100 wrong usage, 111 the
 * server, its daemon or the disk failed.
 */
public final class BackupMain {

    static final int REFUSED = 1;
    static final int USAGE = 100;
    static final int SYSTEM = 111;
    private static final Duration LONG_CALL = Duration.ofMinutes(10);

    private BackupMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length < 2 || !(args[0].equals("export") || args[0].equals("import"))) {
            return usage("expected a command and a path");
        }
        try {
            Config config = Config.load();
            try (KuboClient kubo = KuboClient.connect(config.ipfsApi(), LONG_CALL)) {
                if (args[0].equals("export")) {
                    String page = null;
                    if (args.length == 4 && args[2].equals("--page")) {
                        page = args[3];
                    } else if (args.length != 2) {
                        return usage("export takes <dir|file.car> [--page <urlHash>]");
                    }
                    Path written = new CarExporter(config, kubo).export(Path.of(args[1]), page);
                    System.out.println(written);
                } else {
                    if (args.length != 2) {
                        return usage("import takes <file.car>");
                    }
                    CarImporter.Result r = new CarImporter(kubo, CommentStore.open(config.dataDir())).importCar(Path.of(args[1]));
                    System.out.println("imported " + r.comments() + " comments on " + r.pages() + " pages (" + r.added()
                            + " new) from " + r.root() + (r.ignored() == 0 ? "" : "; " + r.ignored() + " foreign entries skipped"));
                }
            }
            return 0;
        } catch (ImportRefusedException e) {
            System.err.println("backup-tool: import refused, nothing imported: " + e.getMessage());
            return REFUSED;
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        } catch (KuboException | IOException | UncheckedIOException | IllegalStateException e) {
            System.err.println("backup-tool: " + e.getMessage());
            return SYSTEM;
        }
    }

    private static int usage(String why) {
        System.err.println("backup-tool: " + why + "\nusage: backup-tool export <dir|file.car> [--page <urlHash>]\n"
                + "       backup-tool import <file.car>\n"
                + "settings: the server's (COMMENTS_CONFIG, COMMENTS_*): its HTTP API, its daemon, its data folder");
        return USAGE;
    }
}

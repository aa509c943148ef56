package dev.comments.core.kubo;

import com.github.mizosoft.methanol.MultipartBodyPublisher;
import dev.comments.core.cid.Cid;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A typed client for the part of kubo's RPC this project uses (docs/kubo.md, "The Kubo RPC calls we use"),
 * shaped like java-ipfs-http-client: methods named after kubo's commands, grouped as
 * kubo groups them ({@code kubo.files.cp(…)}, {@code kubo.routing.findprovs(…)}), small
 * records as answers.
 *
 * <p>Every call has a deadline covering the whole exchange, the client's (given by its
 * caller, from the settings: {@code ipfs.timeout.ms}, {@code sync.timeout.ms}) or the one of a
 * {@link #withTimeout} view. Every failure is a {@link KuboException}: kubo's own
 * error with its {@code Message} and HTTP status, no answer in time, no daemon. Nothing is
 * retried: the caller knows whether a second attempt makes sense.
 *
 * <p>Import options are fixed to the project's choices: CIDv1, raw leaves, sha2-256,
 * pinned, so that a comment file's CID is CIDv1(raw, sha2-256) of its bytes.
 *
 * <p>Thread-safe: share one client per daemon; it keeps its HTTP connections open.
 */
public final class KuboClient implements AutoCloseable {

    public final Block block;
    public final Files files;
    public final Pin pin;
    public final Routing routing;
    public final Swarm swarm;
    public final Repo repo;
    public final Dag dag;

    private final KuboRpc rpc;

    private KuboClient(KuboRpc rpc) {
        this.rpc = rpc;
        this.block = new Block(rpc);
        this.files = new Files(rpc);
        this.pin = new Pin(rpc);
        this.routing = new Routing(rpc);
        this.swarm = new Swarm(rpc);
        this.repo = new Repo(rpc);
        this.dag = new Dag(rpc);
    }

    /** A client for kubo's RPC at {@code api}, e.g. {@code http://127.0.0.2:5001}, each call within {@code timeout}. */
    public static KuboClient connect(URI api, Duration timeout) {
        if (!"http".equals(api.getScheme()) || api.getHost() == null) {
            throw new IllegalArgumentException("kubo's RPC is plain http on a loopback or private address: " + api);
        }
        URI base = URI.create(api.getScheme() + "://" + api.getRawAuthority());
        HttpClient http = HttpClient.newBuilder()
                // kubo's RPC speaks HTTP/1.1; an h2c upgrade attempt would only cost a round trip
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
        return new KuboClient(new KuboRpc(http, base, timeout));
    }

    /**
     * The same client (same connections) with another per-call deadline, for the calls
     * that legitimately take long, such as adding a large folder or a DHT search.
     */
    public KuboClient withTimeout(Duration timeout) {
        return new KuboClient(rpc.withTimeout(timeout));
    }

    public URI api() {
        return rpc.base();
    }

    public Duration timeout() {
        return rpc.timeout();
    }

    public PeerIdentity id() {
        return rpc.json(Command.of("id"), PeerIdentity::from);
    }

    public KuboVersion version() {
        return rpc.json(Command.of("version"), KuboVersion::from);
    }

    /** Adds one file of the given bytes, pinned; a small file's CID is CIDv1(raw, sha2-256) of the bytes. */
    public AddedEntry add(String name, byte[] bytes) {
        return add(Multipart.file(name, bytes), name, true).getLast();
    }

    /**
     * Adds a file, or a folder with everything under it ({@code add -r}), pinned. Returns
     * the folders kubo built, in kubo's order; the last is the root, named after the file
     * or folder (a file's entry when a file was added).
     *
     * <p>Asks kubo to be {@code silent}: kubo then reports folders only, after it has read
     * the whole request. Otherwise it answers one line per file while it still reads the
     * request, and java.net.http reads no answer before the request is sent, so past a
     * socket buffer of answer both sides would wait for ever (a folder of about 10,000
     * files). Silent, a folder of any size streams in; {@code KuboClientTest} adds 100,000.
     */
    public List<AddedEntry> add(Path fileOrFolder) {
        Path root = fileOrFolder.toAbsolutePath().normalize();
        return add(Multipart.tree(root), String.valueOf(root.getFileName()), !java.nio.file.Files.isDirectory(root));
    }

    private List<AddedEntry> add(MultipartBodyPublisher body, String rootName, boolean oneFile) {
        List<AddedEntry> entries = new ArrayList<>();
        rpc.stream(Command.of("add")
                .option("cid-version", 1)
                .option("raw-leaves", true)
                .option("hash", "sha2-256")
                .option("pin", true)
                .option("progress", false)
                .option("silent", !oneFile)
                .body(body, body.mediaType().toString()), o -> {
                    entries.add(AddedEntry.from(o));
                    return NdjsonSubscriber.Next.MORE;
                });
        // kubo reports a failure after the first line only in an HTTP trailer, which
        // java.net.http drops; an answer without the root entry is such a failure.
        if (entries.isEmpty() || !entries.getLast().name().equals(rootName)) {
            throw new KuboException("add", 200, "kubo's add answer ended before the root entry " + rootName
                    + " (" + entries.size() + " entries); see the daemon's log", null);
        }
        return entries;
    }

    /** The bytes of a file, by IPFS path ({@code /ipfs/<cid>/name.json}) or CID. */
    public byte[] cat(String path) {
        return rpc.bytes(Command.of("cat").arg(path));
    }

    /** At most {@code length} bytes of the file: a guard against a file larger than expected. */
    public byte[] cat(String path, long length) {
        return rpc.bytes(Command.of("cat").arg(path).option("length", length));
    }

    public byte[] cat(Cid cid) {
        return cat(cid.toString());
    }

    /** The entries of a UnixFS folder. */
    public List<Link> ls(Cid folder) {
        return ls(folder.toString());
    }

    /** The entries of the UnixFS folder at an IPFS path. */
    public List<Link> ls(String path) {
        return rpc.json(Command.of("ls").arg(path), o -> KuboJson.objects(o, "Objects").stream()
                .flatMap(object -> KuboJson.objects(object, "Links").stream())
                .map(Link::from)
                .toList());
    }

    /** Closes the connections of this client and of every {@link #withTimeout} view of it. */
    @Override
    public void close() {
        rpc.http().close();
    }
}

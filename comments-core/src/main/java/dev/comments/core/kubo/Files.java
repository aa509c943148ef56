package dev.comments.core.kubo;

import dev.comments.core.cid.Cid;
import java.util.List;

/**
 * {@code ipfs files …}: kubo's files API (MFS), a mutable tree of UnixFS folders whose
 * root survives restarts. A server keeps one folder per page here and adds each comment
 * with one {@link #cp}: only the path from the new entry up to the root is rewritten,
 * not the whole folder, so a new comment costs the same in a folder of ten or of ten
 * thousand. Everything in the tree is kept by garbage collection.
 */
public final class Files {

    private final KuboRpc rpc;

    Files(KuboRpc rpc) {
        this.rpc = rpc;
    }

    /** Creates the folder and any missing parents, as CIDv1; an existing folder is fine. */
    public void mkdir(String path) {
        rpc.run(Command.of("files/mkdir").arg(path).option("parents", true).option("cid-version", 1));
    }

    /** Copies an IPFS path ({@code /ipfs/<cid>[/…]}) or a files-API path to {@code to}, creating parents. */
    public void cp(String from, String to) {
        rpc.run(Command.of("files/cp").arg(from).arg(to).option("parents", true));
    }

    /** Puts the block or DAG named by the CID at {@code to} (it is fetched lazily if not local). */
    public void cp(Cid from, String to) {
        cp("/ipfs/" + from, to);
    }

    public FileStat stat(String path) {
        return rpc.json(Command.of("files/stat").arg(path), FileStat::from);
    }

    /** The entries of a folder, with their CIDs and sizes. */
    public List<FileEntry> ls(String path) {
        return rpc.json(Command.of("files/ls").arg(path).option("long", true),
                o -> KuboJson.objects(o, "Entries").stream().map(FileEntry::from).toList());
    }

    /** Removes a file or a whole folder; removing what is not there is not an error. */
    public void rm(String path) {
        rpc.run(Command.of("files/rm").arg(path).option("recursive", true).option("force", true));
    }

    /** Writes the folder (and its parents) to the blockstore and returns its CID. */
    public Cid flush(String path) {
        return rpc.json(Command.of("files/flush").arg(path), o -> KuboJson.cid(o, "Cid"));
    }
}

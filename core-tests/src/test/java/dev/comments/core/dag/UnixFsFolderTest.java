package dev.comments.core.dag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A folder changed entry by entry is the folder built at once from its final entries
 * (kubo's own shape is held by DagKuboTest), and a change re-encodes only its path.
 */
class UnixFsFolderTest {

    @Property(tries = 40)
    void changedEntryByEntryItIsTheFolderBuiltAtOnce(@ForAll @IntRange(min = 0, max = 6000) int entries,
            @ForAll @IntRange(min = 1, max = 50) int encodeEvery, @ForAll long seed) {
        java.util.Random random = new java.util.Random(seed);
        UnixFsFolder incremental = new UnixFsFolder();
        Map<String, DagLink> last = new LinkedHashMap<>();
        for (int i = 0; i < entries; i++) {
            // a third of the puts replace an earlier entry with another CID and size, as a page folder changes
            String name = !last.isEmpty() && random.nextInt(3) == 0
                    ? new ArrayList<>(last.keySet()).get(random.nextInt(last.size())) : "entry-" + random.nextLong();
            Cid cid = Cid.ofRaw(("v" + random.nextLong()).getBytes(StandardCharsets.UTF_8));
            long tsize = random.nextInt(3) == 0 ? random.nextInt(1 << 20) : random.nextInt(100);
            incremental.put(name, cid, tsize);
            last.put(name, new DagLink(cid, name, tsize));
            if (i % encodeEvery == 0) {
                incremental.encode(b -> { });
            }
        }
        UnixFsFolder atOnce = UnixFsFolder.of(last.values());
        assertEquals(atOnce.linkAs("f"), incremental.linkAs("f"));
        assertEquals(atOnce.isSharded(), incremental.isSharded());
        assertEquals(last.size(), incremental.size(), "a replaced entry is not counted twice");
    }

    @Test
    void oneChangeInARootOfOneHundredThousandPagesReencodesOnlyItsPath() {
        List<String> names = new ArrayList<>();
        UnixFsFolder root = rootOfOneHundredThousandPages(names);
        int[] all = {0};
        root.encode(b -> all[0]++);
        List<DagBlock> fresh = new ArrayList<>();
        root.put(names.get(12_345), Cid.ofDagPb(new byte[] {1}), 300);
        root.encode(fresh::add);
        assertTrue(all[0] > 256, "a root of 100,000 pages spans hundreds of shards: " + all[0]);
        assertTrue(fresh.size() <= 3, "one change re-encodes the shards on its path (depth ≤ 3 here): " + fresh.size());
    }

    @Test
    void aNewVersionOfAKnownTreeIsWalkedAlongItsChangedPathsOnly() {
        List<String> names = new ArrayList<>();
        UnixFsFolder root = rootOfOneHundredThousandPages(names);
        Map<Cid, byte[]> blocks = new java.util.HashMap<>();
        Cid first = root.encode(b -> blocks.put(b.cid(), b.bytes())).cid();
        java.util.Set<Cid> known = new java.util.HashSet<>();
        int[] entries = {0};
        DagFolders.walk(first, blocks::get, e -> entries[0]++, known::add);
        assertEquals(100_000, entries[0]);
        java.util.Set<String> names8 = new java.util.HashSet<>();
        java.util.Set<Cid> nodes8 = new java.util.HashSet<>();
        DagFolders.walkNew(first, blocks::get, c -> false, e -> names8.add(e.name()), nodes8::add, 8);
        assertEquals(new java.util.HashSet<>(names), names8, "read 8 blocks at a time, the walk finds every entry");
        assertEquals(known, nodes8, "and every node");

        Cid changed = Cid.ofDagPb(new byte[] {1});
        root.put(names.get(12_345), changed, 300);
        Cid second = root.encode(b -> blocks.put(b.cid(), b.bytes())).cid();
        List<Cid> read = new ArrayList<>();
        Map<String, Cid> seen = new LinkedHashMap<>();
        DagFolders.walkNew(second, blocks::get, known::contains, e -> seen.put(e.name(), e.cid()), read::add, 8);
        assertTrue(read.size() <= 3, "the root and the shards above the change, no other: " + read.size());
        assertEquals(changed, seen.get(names.get(12_345)), "the changed entry is among those read");
        assertTrue(seen.size() < 1_000, "entries of the changed path's nodes only: " + seen.size());

        List<Cid> path = DagFolders.pathTo(second, blocks::get, names.get(12_345));
        assertEquals(read, path, "the path to the changed entry is the nodes the change re-encoded");
        assertEquals(List.of(), DagFolders.pathTo(second, blocks::get, "f".repeat(64)), "no such entry");
    }

    /** A root of 100,000 page entries; their names are added to {@code names}. */
    private static UnixFsFolder rootOfOneHundredThousandPages(List<String> names) {
        UnixFsFolder root = new UnixFsFolder();
        for (int page = 0; page < 100_000; page++) {
            String name = String.format("%064x", page * 2_654_435_761L);
            names.add(name);
            root.put(name, Cid.ofDagPb(name.getBytes(StandardCharsets.UTF_8)), 200);
        }
        return root;
    }
}

package dev.comments.server.comments.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.comments.core.cid.Cid;
import dev.comments.core.dag.UnixFsFolder;
import dev.comments.core.network.UrlHash;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The kept folders stay within their entry budget and are only handed out for the folder the root links. */
class LargeFoldersTest {

    @Test
    void theFolderChangedLeastRecentlyLeavesFirstAndTheBudgetHolds() {
        LargeFolders kept = new LargeFolders(1_000);
        UrlHash a = page('a');
        UrlHash b = page('b');
        UrlHash c = page('c');
        kept.keep(a, folder(400));
        kept.keep(b, folder(400));
        UnixFsFolder bFolder = kept.take(b, cidOf(b, folder(400)));
        kept.keep(b, bFolder); // b changed last: a goes first
        kept.keep(c, folder(400));
        assertEquals(800, kept.entries());
        assertEquals(2, kept.folders());
        assertNull(kept.take(a, cidOf(a, folder(400))), "a left the budget");
        assertSame(bFolder, kept.take(b, cidOf(b, folder(400))));
    }

    @Test
    void smallFoldersAndFoldersAboveTheBudgetAreNotKept() {
        LargeFolders kept = new LargeFolders(1_000);
        kept.keep(page('a'), folder(LargeFolders.MIN_ENTRIES - 1));
        kept.keep(page('b'), folder(1_001));
        assertEquals(0, kept.folders());
        assertEquals(0, kept.entries());
    }

    @Test
    void aFolderOtherThanTheOneTheRootLinksIsDropped() {
        LargeFolders kept = new LargeFolders(1_000);
        UrlHash a = page('a');
        kept.keep(a, folder(300));
        assertNull(kept.take(a, cidOf(a, folder(301))), "the root links another folder: the kept one is stale");
        assertEquals(0, kept.entries());
        assertNull(kept.take(a, cidOf(a, folder(300))), "and it is gone");
    }

    private static UrlHash page(char c) {
        return new UrlHash(String.valueOf(c).repeat(64));
    }

    private static UnixFsFolder folder(int entries) {
        UnixFsFolder folder = new UnixFsFolder();
        for (int i = 0; i < entries; i++) {
            Cid cid = Cid.ofRaw(("comment " + i).getBytes(StandardCharsets.UTF_8));
            folder.put(cid.text() + ".json", cid, 100);
        }
        return folder;
    }

    private static Cid cidOf(UrlHash page, UnixFsFolder folder) {
        return folder.linkAs(page.hex()).cid();
    }
}

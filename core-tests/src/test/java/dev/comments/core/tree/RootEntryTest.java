package dev.comments.core.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import dev.comments.core.kubo.Link;
import dev.comments.core.network.UrlHash;
import dev.comments.testkit.data.TestComments;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RootEntryTest {

    private static final Cid FOLDER = Cid.parse("bafybeigakanxmvouuaarpnni2dtenmi3ikat7roymanu2jjw4r5oyqepv4");
    private static final Cid ID = TestComments.comment(TestComments.PAGE, "one").id();

    @Test
    void aPageIsAFolderNamedByAnExactUrlHash() {
        assertEquals(Optional.of(new UrlHash(TestComments.PAGE)), RootEntry.page(new Link(TestComments.PAGE, FOLDER, 0, Link.UNKNOWN)));
        assertEquals(RootEntry.PAGE, RootEntry.of(new Link(TestComments.PAGE, FOLDER, 0, Link.DIRECTORY)));
        assertTrue(RootEntry.page(new Link(TestComments.PAGE.toUpperCase(), FOLDER, 0, Link.UNKNOWN)).isEmpty());
        assertTrue(RootEntry.page(new Link(TestComments.PAGE + "0", FOLDER, 0, Link.UNKNOWN)).isEmpty());
        assertTrue(RootEntry.page(new Link("..", FOLDER, 0, Link.UNKNOWN)).isEmpty());
    }

    @Test
    void aFileIsNeverAPage() {
        assertEquals(RootEntry.FOREIGN, RootEntry.of(new Link(TestComments.PAGE, ID, 0, Link.FILE)), "a raw block");
        assertEquals(RootEntry.FOREIGN, RootEntry.of(new Link(TestComments.PAGE, ID, 0, Link.UNKNOWN)), "raw, type unknown");
        assertEquals(RootEntry.FOREIGN, RootEntry.of(new Link(TestComments.PAGE, FOLDER, 0, Link.FILE)),
                "a chunked file is dag-pb too, but kubo lists it as a file");
    }
}

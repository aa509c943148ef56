package dev.comments.core.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.comments.core.cid.Cid;
import dev.comments.core.kubo.Link;
import dev.comments.testkit.data.TestComments;
import org.junit.jupiter.api.Test;

class PageEntryTest {

    private static final Cid FOLDER = Cid.parse("bafybeigakanxmvouuaarpnni2dtenmi3ikat7roymanu2jjw4r5oyqepv4");
    private static final Cid ID = TestComments.comment(TestComments.PAGE, "one").id();
    private static final Cid OTHER = TestComments.comment(TestComments.PAGE, "two").id();

    @Test
    void aCommentIsNamedByTheRawBlockItLinksTo() {
        assertEquals(PageEntry.COMMENT, PageEntry.of(new Link(ID + ".json", ID, 0, Link.FILE)));
        assertEquals(PageEntry.ID_MISMATCH, PageEntry.of(new Link(ID + ".json", OTHER, 0, Link.FILE)));
        assertEquals(PageEntry.ID_MISMATCH, PageEntry.of(new Link(ID + ".json", FOLDER, 0, Link.UNKNOWN)),
                "a folder under a comment's name is never entered");
    }

    @Test
    void anyOtherNameIsForeign() {
        assertEquals(PageEntry.FOREIGN, PageEntry.of(new Link(ID.text(), ID, 0, Link.FILE)));
        assertEquals(PageEntry.FOREIGN, PageEntry.of(new Link(ID + ".JSON", ID, 0, Link.FILE)));
        assertEquals(PageEntry.FOREIGN, PageEntry.of(new Link(ID.text().toUpperCase() + ".json", ID, 0, Link.FILE)));
        assertEquals(PageEntry.FOREIGN, PageEntry.of(new Link("hello.json", ID, 0, Link.FILE)));
        assertEquals(PageEntry.FOREIGN, PageEntry.of(new Link(FOLDER + ".json", FOLDER, 0, Link.UNKNOWN)),
                "a dag-pb CID is not a comment id");
    }
}

package dev.comments.sync.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import dev.comments.core.kubo.Link;
import dev.comments.core.network.UrlHash;
import dev.comments.core.testing.TestComments;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TreeShapeTest {

    private static final Cid FOLDER = Cid.parse("bafybeigakanxmvouuaarpnni2dtenmi3ikat7roymanu2jjw4r5oyqepv4");
    private static final Cid ID = TestComments.comment(TestComments.PAGE, "one").id();
    private static final Cid OTHER = TestComments.comment(TestComments.PAGE, "two").id();

    @Test
    void aPageIsAFolderNamedByAnExactUrlHash() {
        assertEquals(Optional.of(new UrlHash(TestComments.PAGE)), TreeShape.page(new Link(TestComments.PAGE, FOLDER, 0, Link.UNKNOWN)));
        assertTrue(TreeShape.page(new Link(TestComments.PAGE.toUpperCase(), FOLDER, 0, Link.UNKNOWN)).isEmpty());
        assertTrue(TreeShape.page(new Link(TestComments.PAGE + "0", FOLDER, 0, Link.UNKNOWN)).isEmpty());
        assertTrue(TreeShape.page(new Link("..", FOLDER, 0, Link.UNKNOWN)).isEmpty());
        assertTrue(TreeShape.page(new Link(TestComments.PAGE, ID, 0, Link.FILE)).isEmpty(), "a file is not a page");
    }

    @Test
    void aCommentIsNamedByTheRawBlockItLinksTo() {
        assertEquals(TreeShape.Entry.COMMENT, TreeShape.entry(new Link(ID + ".json", ID, 0, Link.FILE)));
        assertEquals(TreeShape.Entry.MISNAMED, TreeShape.entry(new Link(ID + ".json", OTHER, 0, Link.FILE)));
        assertEquals(TreeShape.Entry.MISNAMED, TreeShape.entry(new Link(ID + ".json", FOLDER, 0, Link.UNKNOWN)),
                "a folder under a comment's name is never entered");
        assertEquals(TreeShape.Entry.FOREIGN, TreeShape.entry(new Link(ID.text(), ID, 0, Link.FILE)));
        assertEquals(TreeShape.Entry.FOREIGN, TreeShape.entry(new Link(ID + ".JSON", ID, 0, Link.FILE)));
        assertEquals(TreeShape.Entry.FOREIGN, TreeShape.entry(new Link("hello.json", ID, 0, Link.FILE)));
        assertEquals(TreeShape.Entry.FOREIGN, TreeShape.entry(new Link(FOLDER + ".json", FOLDER, 0, Link.UNKNOWN)),
                "a dag-pb CID is not a comment id");
    }
}

package dev.comments.core.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.comments.core.cid.Cid;
import dev.comments.testkit.data.TestComments;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommentFileNameTest {

    private static final Cid FOLDER = Cid.parse("bafybeigakanxmvouuaarpnni2dtenmi3ikat7roymanu2jjw4r5oyqepv4");
    private static final Cid ID = TestComments.comment(TestComments.PAGE, "one").id();

    @Test
    void aCommentsNameIsItsIdAndJson() {
        assertEquals(ID.text() + ".json", CommentFileName.of(ID));
        assertEquals(Optional.of(ID), CommentFileName.idOf(ID.text() + ".json"));
    }

    @Test
    void onlyACommentIdBecomesAName() {
        assertThrows(IllegalArgumentException.class, () -> CommentFileName.of(FOLDER));
    }

    @Test
    void noOtherNameGivesAnId() {
        String text = ID.text();
        for (String name : new String[] {text, text + ".json.tmp", "." + text + ".json", text + "a.json",
                text.substring(0, text.length() - 1) + ".json", "B" + text.substring(1) + ".json", FOLDER + ".json",
                ".json", ""}) {
            assertEquals(Optional.empty(), CommentFileName.idOf(name), name);
        }
        assertEquals(Optional.empty(), CommentFileName.idOf(null));
    }
}

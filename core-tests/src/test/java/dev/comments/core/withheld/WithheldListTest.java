package dev.comments.core.withheld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.network.UrlHash;
import dev.comments.testkit.data.TestComments;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A withheld list read as hostile text: bad lines are reported and skipped, the rest is read, nothing else is named. */
class WithheldListTest {

    private static final String ID = TestComments.comment(TestComments.PAGE, "x").id().text();
    private static final String KEY = TestComments.SIGNER.publicKey();

    @Test
    void readsEveryGoodLineAndReportsEachBadOneWithItsNumber() {
        String text = String.join("\n",
                "# a header",
                "",
                "comment " + ID + " notice 12, 2026-12-07",
                "page " + TestComments.PAGE,
                "key " + KEY,
                "page ../../etc",
                "comment " + ID.toUpperCase(),
                "key " + KEY + "A",
                "folder " + TestComments.PAGE,
                "page",
                "comment " + ID + " the same target again");
        WithheldList list = WithheldList.parse(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("comment " + ID + " notice 12, 2026-12-07", "page " + TestComments.PAGE, "key " + KEY),
                list.entries().stream().map(WithheldEntry::line).toList(), "the first of two entries for one target counts");
        assertEquals(5, list.problems().size(), String.valueOf(list.problems()));
        assertTrue(list.problems().get(0).startsWith("line 6: page ../../etc: not a urlHash"), list.problems().get(0));
        assertTrue(list.problems().get(3).contains("unknown kind folder"), list.problems().get(3));
    }

    @Test
    void aNoteCannotCarryALineBreakOrAControlCharacterIntoTheFile() {
        WithheldEntry entry = WithheldEntry.page(new UrlHash(TestComments.PAGE), "first\nkey " + KEY + "\u202e\u0000x");
        assertFalse(entry.line().contains("\n"));
        WithheldList again = WithheldList.parse(WithheldList.EMPTY.with(entry).render("h\nh"));
        assertEquals(List.of(entry), again.entries(), "written and read back: one entry, no injected key");
    }

    @Test
    void aListPastItsBudgetIsCutWithAReportAndOneTooLargeIsNotRead() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < WithheldList.MAX_ENTRIES + 5; i++) {
            text.append("page ").append(String.format("%064x", i)).append('\n');
        }
        WithheldList list = WithheldList.parse(text.toString().getBytes(StandardCharsets.US_ASCII));
        assertEquals(WithheldList.MAX_ENTRIES, list.entries().size());
        assertTrue(list.problems().get(0).contains("past " + WithheldList.MAX_ENTRIES + " entries"), list.problems().toString());
        WithheldList huge = WithheldList.parse(new byte[WithheldList.MAX_BYTES + 1]);
        assertEquals(0, huge.entries().size());
        assertEquals(1, huge.problems().size());
    }

    @Test
    void anOperatorsWrongEntryIsRefusedWithWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WithheldEntry.of("key", "abc", ""));
        assertTrue(e.getMessage().contains("not a public key"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WithheldEntry.of("pages", TestComments.PAGE, ""));
    }

    @Test
    void theUnionAnswersByIdKeyAndPage() {
        WithheldList own = WithheldList.EMPTY.with(WithheldEntry.of("comment", ID, ""));
        WithheldList followed = WithheldList.EMPTY.with(WithheldEntry.of("key", KEY, ""));
        Withheld withheld = Withheld.of(List.of(own, followed));
        UrlHash page = new UrlHash(TestComments.PAGE);
        var comment = TestComments.comment(TestComments.PAGE, "x");
        assertEquals(WithheldEntry.Kind.COMMENT, withheld.reason(page, comment.id(), comment.comment()).orElseThrow());
        var other = TestComments.comment(TestComments.PAGE, "y");
        assertEquals(WithheldEntry.Kind.KEY, withheld.reason(page, other.id(), other.comment()).orElseThrow());
        assertFalse(withheld.page(page));
        assertTrue(Withheld.NONE.reason(page, other.id(), other.comment()).isEmpty());
    }
}

package dev.comments.core.withheld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import dev.comments.core.comment.CommentSigner;
import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.network.UrlHash;
import dev.comments.core.store.CommentStore;
import dev.comments.testkit.data.TestComments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A takedown on a real store of 2,000 pages: exactly what a list names leaves (into the held
 * files, with the change announced to the publisher), and a release puts back exactly what no
 * list names any more, verified again.
 */
class TakedownTest {

    private static final CommentSigner SPAMMER = new CommentSigner(new byte[32]);

    @Test
    void takesOutExactlyWhatTheListsNameAndReleasesExactlyWhatTheyNoLongerName(@TempDir Path data) throws Exception {
        CommentStore store = CommentStore.open(data);
        List<VerifiedComment> honest = new ArrayList<>();
        List<VerifiedComment> spam = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String page = String.format("%064x", i);
            honest.add(TestComments.comment(page, "honest " + i));
            if (i % 100 == 0) {
                spam.add(TestComments.verified(SPAMMER.sign(page, null, "Spam", "buy " + i, 1L).fileBytes()));
            }
        }
        store.writeAll(honest);
        store.writeAll(spam);
        WithheldLists lists = new WithheldLists(data);
        UrlHash wholePage = new UrlHash(String.format("%064x", 7));
        VerifiedComment ordered = honest.get(1234);
        WithheldList own = WithheldList.EMPTY.with(WithheldEntry.key(SPAMMER.publicKey(), "spam"))
                .with(WithheldEntry.page(wholePage, "")).with(WithheldEntry.comment(ordered.id(), "notice"));
        lists.writeOwn(own);
        var changes = store.changesSince(dev.comments.core.store.ChangeJournal.Position.START);

        List<Cid> moved = new Takedown(store, lists).apply(lists.current(), own.entries());

        Set<Cid> expected = new HashSet<>();
        spam.forEach(c -> expected.add(c.id()));
        expected.add(honest.get(7).id());
        expected.add(ordered.id());
        assertEquals(expected, new HashSet<>(moved));
        assertEquals(2000 - 2, count(store), "every other comment stays");
        assertTrue(Files.isRegularFile(lists.heldFiles().resolve(ordered.comment().url()).resolve(ordered.fileName())));
        assertTrue(store.changesSince(changes.next()).pages().contains(new UrlHash(ordered.comment().url())),
                "the journal tells the publisher which pages changed");

        lists.writeOwn(own.without(WithheldEntry.key(SPAMMER.publicKey(), "")));
        int back = new Takedown(store, lists).release(lists.current());
        assertEquals(spam.size(), back, "the key's comments come back; the page and the comment stay withheld");
        assertEquals(2000 - 2 + spam.size(), count(store));
        assertTrue(store.read(wholePage, honest.get(7).id()).isEmpty());
    }

    private static int count(CommentStore store) throws Exception {
        int n = 0;
        for (UrlHash page : store.pages()) {
            n += store.list(page).size();
        }
        return n;
    }
}

package dev.comments.sync.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sybils that fill the DHT's first answers do not fill a round; proven peers keep half the places. */
class PeerSamplerTest {

    private final PeerSampler sampler = new PeerSampler(new Random(42));

    @Test
    void anHonestProviderBehindNineHundredSybilsIsReachedWithinAFewHundredRounds() {
        List<String> providers = new ArrayList<>();
        for (int i = 0; i < 990; i++) {
            providers.add("sybil-" + i); // first, as a DHT that sybils crowd answers
        }
        providers.add("honest");
        int rounds = 0;
        while (!sampler.choose(providers, Set.of(), 20).contains("honest")) {
            rounds++;
        }
        assertTrue(rounds < 500, "a uniform sample of 20 in 991 finds it in ~50 rounds on average: " + rounds);
        List<String> first20 = providers.subList(0, 20);
        assertTrue(first20.stream().allMatch(id -> id.startsWith("sybil")), "keeping the first 20 would never find it");
    }

    @Test
    void provenPeersHoldHalfThePlacesAndTheRestIsDrawnFromEveryoneElse() {
        List<String> providers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            providers.add("p" + i);
        }
        Set<String> proven = Set.of("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "p11", "p12");
        List<String> chosen = sampler.choose(providers, proven, 20);
        assertEquals(20, chosen.size());
        assertEquals(20, new HashSet<>(chosen).size(), "each once");
        assertEquals(10, chosen.stream().filter(proven::contains).count(), "half the places, no more, for the proven");
        assertEquals(List.of("p0", "p1"), sampler.choose(List.of("p0", "p1"), proven, 20).stream().sorted().toList(),
                "fewer providers than places: all of them");
    }
}

package dev.comments.sync.peers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Which of the providers found this round to sync with. The DHT answers in an order anyone can
 * influence (a handful of sybil PeerIDs near the key fill the first answers), so the first n
 * are no choice: half of the places go to providers that delivered valid new comments before
 * (at random among them), the other half, and any place left, to a uniform sample of the rest,
 * so a new honest server is found however many sybils surround it. O(providers) per round.
 */
public final class PeerSampler {

    private final Random random;

    public PeerSampler(Random random) {
        this.random = random;
    }

    public List<String> choose(List<String> providers, Set<String> proven, int places) {
        List<String> good = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String id : providers) {
            (proven.contains(id) ? good : rest).add(id);
        }
        Collections.shuffle(good, random);
        Collections.shuffle(rest, random);
        int fromGood = Math.min(good.size(), (places + 1) / 2);
        List<String> chosen = new ArrayList<>(good.subList(0, fromGood));
        List<String> others = new ArrayList<>(rest);
        others.addAll(good.subList(fromGood, good.size())); // places the rest cannot fill
        for (String id : others) {
            if (chosen.size() >= places) {
                break;
            }
            chosen.add(id);
        }
        return chosen;
    }
}

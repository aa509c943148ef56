package dev.comments.core.kubo;

import dev.comments.core.cid.Cid;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ipfs routing …}: the DHT. Answers are streams of kubo's query events; the
 * numbering is kubo's (routing.QueryEventType).
 */
public final class Routing {

    static final int FINAL_PEER = 2;
    static final int QUERY_ERROR = 3;
    static final int PROVIDER = 4;

    private final KuboRpc rpc;

    Routing(KuboRpc rpc) {
        this.rpc = rpc;
    }

    /**
     * Announces that this daemon provides the CID (the block must be local), waiting
     * until the provider records are sent. kubo refuses while it has no peers
     * ("cannot provide, no connected peers"). kubo 0.43 marks this command deprecated in
     * favour of {@code provide/once}, which only queues the CIDs; this one still works
     * and, unlike that one, returns when the records are out.
     */
    public void provide(Cid cid) {
        rpc.stream(Command.of("routing/provide").arg(cid.toString()), event -> {
            if (type(event) == QUERY_ERROR) {
                throw new KuboException("routing/provide", 200, KuboJson.text(event, "Extra"));
            }
            return NdjsonSubscriber.Next.MORE;
        });
    }

    /**
     * Up to {@code max} providers of the CID, each once, in the order the DHT finds them.
     * Reading stops at the {@code max}th provider; otherwise when kubo ends the search.
     * No provider is an empty list, not an error.
     */
    public List<PeerAddresses> findprovs(Cid cid, int max) {
        Map<String, PeerAddresses> found = new LinkedHashMap<>();
        // Query errors here are per-DHT noise (kubo asks its WAN and LAN DHTs, and one
        // of them has no peers on a closed network); what matters is who was found.
        streamProviders(cid, max, found);
        return firstOf(found, max);
    }

    /**
     * Like {@link #findprovs}, but when the call's deadline passes while kubo is still
     * searching (a large DHT, fewer than {@code max} providers), the providers found by
     * then are the answer. Only a search that found nobody by its deadline is an error.
     */
    public List<PeerAddresses> findprovsUntilDeadline(Cid cid, int max) {
        Map<String, PeerAddresses> found = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        try {
            streamProviders(cid, max, found);
        } catch (KuboException e) {
            boolean deadline = e.status() == KuboException.NO_ANSWER
                    && e.getCause() instanceof java.util.concurrent.TimeoutException;
            if (!deadline || found.isEmpty()) {
                throw e;
            }
        }
        synchronized (found) {
            return firstOf(found, max);
        }
    }

    /** Adds each provider kubo finds to {@code found} until it holds {@code max} or the search ends. */
    private void streamProviders(Cid cid, int max, Map<String, PeerAddresses> found) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        rpc.stream(Command.of("routing/findprovs").arg(cid.toString()).option("num-providers", max), event -> {
            if (type(event) == PROVIDER) {
                for (JsonObject response : KuboJson.objects(event, "Responses")) {
                    PeerAddresses provider = PeerAddresses.from(response);
                    found.putIfAbsent(provider.id(), provider);
                }
            }
            return found.size() >= max ? NdjsonSubscriber.Next.STOP : NdjsonSubscriber.Next.MORE;
        });
    }

    private static List<PeerAddresses> firstOf(Map<String, PeerAddresses> found, int max) {
        List<PeerAddresses> providers = new ArrayList<>(found.values());
        return providers.subList(0, Math.min(max, providers.size()));
    }

    /**
     * The peer's announced addresses, from the DHT, including the {@code /http} address
     * a server appends. A peer the DHT does not know is a {@link KuboException} with
     * kubo's message ({@code routing: not found}).
     */
    public PeerAddresses findpeer(String peerId) {
        List<PeerAddresses> answer = new ArrayList<>(1);
        List<String> errors = new ArrayList<>();
        rpc.stream(Command.of("routing/findpeer").arg(peerId), event -> {
            int type = type(event);
            if (type == FINAL_PEER) {
                KuboJson.objects(event, "Responses").stream().map(PeerAddresses::from)
                        .filter(p -> p.id().equals(peerId)).findFirst().ifPresent(answer::add);
            } else if (type == QUERY_ERROR) {
                errors.add(KuboJson.text(event, "Extra"));
            }
            return answer.isEmpty() ? NdjsonSubscriber.Next.MORE : NdjsonSubscriber.Next.STOP;
        });
        if (answer.isEmpty()) {
            // The last error is the outcome of the whole search; earlier ones are per DHT.
            throw new KuboException("routing/findpeer", 200,
                    errors.isEmpty() ? "routing: not found" : errors.getLast());
        }
        return answer.getFirst();
    }

    private static int type(JsonObject event) {
        return (int) KuboJson.number(event, "Type");
    }
}

package dev.comments.sync.discovery;

import dev.comments.core.kubo.KuboClient;
import dev.comments.core.kubo.KuboException;
import dev.comments.core.kubo.PeerAddresses;
import dev.comments.core.log.EventLog;
import dev.comments.sync.config.SyncSettings;
import dev.comments.sync.peers.Peer;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import dev.comments.sync.peers.PeerSampler;

/**
 * Finds the servers to sync with (docs/protocol.md §2): the providers of the network id's DHT
 * key ({@code routing/findprovs}), each one's peer record ({@code routing/findpeer}) and
 * in it the {@code /http} address its server appends; plus the static peers of the
 * configuration. Never this server itself, and each URL once. Cost per round: one provider
 * lookup of at most {@code sync.max.providers} records, then {@code sync.max.peers} findpeers.
 */
public final class PeerDiscovery {

    private final KuboClient kubo;
    private final SyncSettings settings;
    private final PeerSampler sampler;

    public PeerDiscovery(KuboClient kubo, SyncSettings settings) {
        this(kubo, settings, new PeerSampler(new java.security.SecureRandom()));
    }

    PeerDiscovery(KuboClient kubo, SyncSettings settings, PeerSampler sampler) {
        this.kubo = kubo.withTimeout(settings.timeout());
        this.settings = settings;
        this.sampler = sampler;
    }

    /**
     * The peers of this round: {@code sync.max.peers} sampled from the providers found
     * ({@link PeerSampler}: {@code proven} PeerIDs first for half the places), each resolved to its
     * HTTP address (one {@code findpeer} per chosen provider), plus the static peers. A DHT that
     * fails leaves the static peers; that is logged, not thrown.
     */
    public List<Peer> find(String selfPeerId, Set<String> proven) {
        Map<String, PeerAddresses> providers = new LinkedHashMap<>();
        for (PeerAddresses provider : providers()) {
            if (!provider.id().equals(selfPeerId)) {
                providers.putIfAbsent(provider.id(), provider);
            }
        }
        Map<URI, Peer> peers = new LinkedHashMap<>();
        for (String id : sampler.choose(new ArrayList<>(providers.keySet()), proven, settings.maxPeers())) {
            PeerAddresses provider = providers.get(id);
            httpUrl(provider).ifPresent(url -> peers.putIfAbsent(url, new Peer(url, provider.id())));
        }
        for (URI url : settings.staticPeers()) {
            peers.putIfAbsent(url, new Peer(url, Peer.STATIC));
        }
        peers.remove(settings.ownUrl());
        return new ArrayList<>(peers.values());
    }

    private List<PeerAddresses> providers() {
        try {
            return kubo.routing.findprovsUntilDeadline(settings.networkId().dhtKey(), settings.maxProviders());
        } catch (KuboException e) {
            EventLog.event("warn", "discovery-failed", "error", e.getMessage());
            return List.of();
        }
    }

    /** The first HTTP endpoint in the provider's peer record; the provider record's addresses if findpeer fails. */
    private Optional<URI> httpUrl(PeerAddresses provider) {
        List<String> addrs;
        try {
            addrs = kubo.routing.findpeer(provider.id()).httpAddresses();
        } catch (KuboException e) {
            EventLog.event("warn", "findpeer-failed", "peer", provider.id(), "error", e.getMessage());
            addrs = provider.httpAddresses();
        }
        for (String addr : addrs) {
            Optional<URI> url = HttpMultiaddr.toUrl(addr);
            if (url.isPresent()) {
                return url;
            }
        }
        return Optional.empty();
    }
}

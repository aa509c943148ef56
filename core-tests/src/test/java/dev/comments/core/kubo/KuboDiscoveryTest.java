package dev.comments.core.kubo;

import dev.comments.testkit.kubo.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery on a closed loopback network, as docs/protocol.md §2 describes it and as the
 * servers and sync agents will do it: two servers' daemons put the network-id block and
 * provide its CID; a third daemon finds both through the DHT, then each one's appended
 * {@code /http} address, by {@code routing/findpeer} and by Delegated Routing V1 on its
 * gateway (what a browser uses). The daemons find each other only through the bootstrap
 * peers that scripts/kubo-configure sets.
 */
class KuboDiscoveryTest {

    private static final Duration DHT_DEADLINE = Duration.ofSeconds(45);

    @TempDir
    Path tmp;

    @Test
    void aThirdDaemonFindsBothProvidersOfTheNetworkIdAndTheirHttpAddresses() throws Exception {
        byte[] networkId = HexFormat.of().parseHex(TestVectors.networkIdHex());
        Cid key = Cid.parse(TestVectors.dhtKeyCid());

        try (KuboDaemon a = KuboDaemon.start(tmp.resolve("a"), "127.0.10.6");
             KuboDaemon b = KuboDaemon.start(tmp.resolve("b"), "127.0.10.7", a.swarmAddress());
             KuboDaemon c = KuboDaemon.start(tmp.resolve("c"), "127.0.10.8", a.swarmAddress(), b.swarmAddress())) {
            Map<String, KuboDaemon> servers = Map.of(a.peerId(), a, b.peerId(), b);

            await("c connected to a and b by bootstrap").atMost(DHT_DEADLINE)
                    .until(() -> connectedIds(c.client().swarm.peers()), ids -> ids.containsAll(servers.keySet()));

            for (KuboDaemon server : servers.values()) {
                assertEquals(key, server.client().block.put(networkId).key(), "the vectors' DHT key");
                // Provide needs DHT peers in the routing table, which fills a moment after
                // the connections open: poll until kubo accepts it.
                await("provide from " + server).atMost(DHT_DEADLINE).ignoreException(KuboException.class)
                        .until(() -> {
                            server.client().routing.provide(key);
                            return true;
                        });
            }

            List<PeerAddresses> providers = await("c finds both providers").atMost(DHT_DEADLINE)
                    .until(() -> c.client().routing.findprovs(key, 20), found -> found.size() == 2);

            assertEquals(servers.keySet(), providerIds(providers));
            for (PeerAddresses provider : providers) {
                KuboDaemon server = servers.get(provider.id());
                assertEquals(List.of(server.httpAnnounce()), provider.httpAddresses(), "in findprovs: " + provider);
                PeerAddresses peer = c.client().routing.findpeer(provider.id());
                assertEquals(List.of(server.httpAnnounce()), peer.httpAddresses(), "in findpeer: " + peer);
                assertTrue(peer.addrs().stream().allMatch(addr -> addr.startsWith("/ip4/127.")), "loopback: " + peer);
            }

            assertEquals(1, c.client().routing.findprovs(key, 1).size(), "reading stops at the first provider");
            KuboException unknown = assertThrows(KuboException.class,
                    () -> c.client().routing.findpeer("12D3KooWAJkxnBvX1DMdhYHLwsuSSR9ka2m11NRiVaEJuuo1Uhsa"));
            assertEquals("routing: not found", unknown.kuboMessage(), "a peer nobody knows");

            assertDelegatedRoutingOnTheGatewayOf(c, key, servers);
            assertTrue(c.client().swarm.peers().stream().allMatch(p -> p.addr().startsWith("/ip4/127.")),
                    "no connection leaves loopback");
        }
    }

    /** The same providers and addresses through GET /routing/v1/providers/{cid} on c's gateway, with CORS for browsers. */
    private static void assertDelegatedRoutingOnTheGatewayOf(KuboDaemon c, Cid key, Map<String, KuboDaemon> servers)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(c.gateway().resolve("/routing/v1/providers/" + key))
                .header("Accept", "application/json")
                .header("Origin", "http://127.0.0.1:4173")
                .timeout(Duration.ofSeconds(30))
                .GET().build();
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElse(""),
                "kubo's gateway allows any origin by default; the client site relies on it");
        JsonObject answer;
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            answer = reader.readObject();
        }
        Map<String, List<String>> providers = answer.getJsonArray("Providers").getValuesAs(JsonObject.class).stream()
                .peek(p -> assertEquals("peer", p.getString("Schema")))
                .collect(Collectors.toMap(p -> p.getString("ID"),
                        p -> p.getJsonArray("Addrs").getValuesAs(JsonString::getString)));
        assertEquals(servers.keySet(), providers.keySet(), response.body());
        providers.forEach((id, addrs) -> assertTrue(addrs.contains(servers.get(id).httpAnnounce()),
                "Delegated Routing carries the /http address of " + id + ": " + addrs));
    }

    private static Set<String> connectedIds(List<SwarmPeer> peers) {
        return peers.stream().map(SwarmPeer::peer).collect(Collectors.toSet());
    }

    private static Set<String> providerIds(List<PeerAddresses> providers) {
        return providers.stream().map(PeerAddresses::id).collect(Collectors.toSet());
    }
}

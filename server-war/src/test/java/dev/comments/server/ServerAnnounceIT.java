package dev.comments.server;

import dev.comments.launch.Setting;
import dev.comments.launch.ServerSettings;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.testkit.kubo.KuboDaemon;
import dev.comments.core.kubo.PeerAddresses;
import dev.comments.core.network.NetworkId;
import dev.comments.testkit.server.Api;
import dev.comments.testkit.server.PayaraServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server makes itself findable (docs/protocol.md §2): other nodes find it under the network id, with its HTTP address. */
class ServerAnnounceIT {

    @Test
    void anotherNodeFindsTheServerUnderTheNetworkIdWithItsHttpAddress() throws Exception {
        Path dir = ServerRecoveryIT.freshDir("announce");
        try (KuboDaemon serverDaemon = KuboDaemon.start(dir.resolve("kubo-a"), "127.0.34.1");
             KuboDaemon other = KuboDaemon.start(dir.resolve("kubo-b"), "127.0.34.2", serverDaemon.swarmAddress());
             PayaraServer server = new PayaraServer(dir.resolve("payara"), ServerSettings.of(dir.resolve("data"))
                     .ipfsApi(serverDaemon.api()).with(Setting.HTTP_HOST, "127.0.34.1")).start()) {
            server.awaitUp(Duration.ofSeconds(90));
            var key = NetworkId.defaultNetwork().dhtKey();

            List<PeerAddresses> providers = await("the other node finds the server as a provider of the network id")
                    .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> other.client().routing.findprovs(key, 5),
                            found -> found.stream().anyMatch(p -> p.id().equals(serverDaemon.peerId())));
            assertTrue(providers.stream().anyMatch(p -> p.id().equals(serverDaemon.peerId())));

            PeerAddresses record = other.client().routing.findpeer(serverDaemon.peerId());
            assertTrue(record.addrs().contains(serverDaemon.httpAnnounce()),
                    "the peer record carries the server's /http address: " + record.addrs());

            Api api = new Api(server.base(), "127.0.34.1");
            assertEquals(200, api.get("health").status());
            serverDaemon.stop();
            await("health reports the daemon down").atMost(Duration.ofSeconds(30))
                    .until(() -> api.get("health").status() == 503);
            assertTrue(api.get("health").json().getString("daemon").startsWith("down"));
        }
    }
}

package dev.comments.server.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private static final ClientAddresses BEHIND_CADDY = new ClientAddresses("127.0.0.1", "X-Forwarded-For");

    private static String client(ClientAddresses clients, String remote, String... header) {
        return ClientAddresses.clientKey(clients.clientOf(remote, List.of(header)));
    }

    @Test
    void aRequestFromAnUntrustedAddressIsThatAddressWhateverItsHeaderSays() {
        assertEquals("203.0.113.7", client(BEHIND_CADDY, "203.0.113.7", "198.51.100.1"));
        assertEquals("127.0.71.1", client(BEHIND_CADDY, "127.0.71.1", "127.0.0.1, 198.51.100.1"));
    }

    @Test
    void fromTheTrustedProxyTheRightmostAddressIsTheClient() {
        assertEquals("198.51.100.1", client(BEHIND_CADDY, "127.0.0.1", "198.51.100.1"));
        // what the client wrote itself is left of what the proxy appended
        assertEquals("198.51.100.1", client(BEHIND_CADDY, "127.0.0.1", "10.9.9.9, 198.51.100.1"));
        assertEquals("198.51.100.1", client(BEHIND_CADDY, "127.0.0.1", "10.9.9.9", "198.51.100.1"));
    }

    @Test
    void trustedProxiesInARowAreSkippedUpToTheFirstUntrustedOne() {
        ClientAddresses chain = new ClientAddresses("127.0.0.1, 10.9.0.0/16", "X-Forwarded-For");
        assertEquals("198.51.100.1", client(chain, "127.0.0.1", "6.6.6.6, 198.51.100.1, 10.9.2.3, 10.9.5.6"));
        // only trusted proxies: the farthest one sent it on its own behalf
        assertEquals("10.9.2.3", client(chain, "127.0.0.1", "10.9.2.3, 10.9.5.6"));
    }

    @Test
    void aMissingOrUnreadableHeaderLeavesTheProxyAsTheClient() {
        assertEquals("127.0.0.1", client(BEHIND_CADDY, "127.0.0.1"));
        assertEquals("127.0.0.1", client(BEHIND_CADDY, "127.0.0.1", "not an address"));
        assertEquals("127.0.0.1", client(BEHIND_CADDY, "127.0.0.1", "evil.example.org"));
        assertEquals("127.0.0.1", client(BEHIND_CADDY, "127.0.0.1", "10.9.0.0/16"));
        assertEquals("127.0.0.1", client(BEHIND_CADDY, "127.0.0.1", "*"));
    }

    @Test
    void addressesWithPortsAndTheForwardedHeaderAreRead() {
        assertEquals("198.51.100.1", client(BEHIND_CADDY, "127.0.0.1", "198.51.100.1:4711"));
        assertEquals("2001:db8:1:2::/64", client(BEHIND_CADDY, "127.0.0.1", "[2001:db8:1:2::5]:4711"));
        ClientAddresses rfc7239 = new ClientAddresses("127.0.0.1", "Forwarded");
        assertEquals("198.51.100.1", client(rfc7239, "127.0.0.1", "for=6.6.6.6, for=198.51.100.1;proto=https"));
        assertEquals("2001:db8:1:2::/64", client(rfc7239, "127.0.0.1", "For=\"[2001:db8:1:2::5]:4711\";by=10.9.0.1"));
        assertEquals("127.0.0.1", client(rfc7239, "127.0.0.1", "for=unknown"));
        assertEquals("127.0.0.1", client(rfc7239, "127.0.0.1", "proto=https"));
    }

    @Test
    void anIpv6ClientIsItsSlash64AndAnIpv4MappedOneItsIpv4Address() {
        assertEquals(client(BEHIND_CADDY, "2001:db8:1:2::1"), client(BEHIND_CADDY, "2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assertNotEquals(client(BEHIND_CADDY, "2001:db8:1:2::1"), client(BEHIND_CADDY, "2001:db8:1:3::1"));
        assertEquals("198.51.100.1", client(BEHIND_CADDY, "::ffff:198.51.100.1"));
        assertEquals("198.51.100.1", client(BEHIND_CADDY, "::ffff:127.0.0.1", "198.51.100.1"));
    }

    @Test
    void aLongChainIsReadFromTheRightForSixteenHopsAtMost() {
        ClientAddresses all10 = new ClientAddresses("127.0.0.1, 10.9.0.0/16", "X-Forwarded-For");
        StringBuilder header = new StringBuilder("198.51.100.1");
        for (int i = 0; i < 100; i++) {
            header.append(", 10.9.0.").append(i % 250);
        }
        assertTrue(client(all10, "127.0.0.1", header.toString()).startsWith("10.9.0."), "stops within its budget of hops");
    }

    @Test
    void aWrongSettingIsRefusedWithWhy() {
        var notAnAddress = assertThrows(IllegalArgumentException.class, () -> new ClientAddresses("caddy.local", "X-Forwarded-For"));
        assertTrue(notAnAddress.getMessage().contains("http.trusted.proxies"), notAnAddress.getMessage());
        var everything = assertThrows(IllegalArgumentException.class, () -> new ClientAddresses("*", "X-Forwarded-For"));
        assertTrue(everything.getMessage().contains("every address"), everything.getMessage());
        var header = assertThrows(IllegalArgumentException.class, () -> new ClientAddresses("127.0.0.1", "X-Real-IP"));
        assertTrue(header.getMessage().contains("http.forwarded.header"), header.getMessage());
        assertEquals("127.0.0.1", client(new ClientAddresses("", "X-Forwarded-For"), "127.0.0.1", "198.51.100.1"),
                "an empty list trusts no proxy");
    }
}

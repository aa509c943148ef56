package dev.comments.sync.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpMultiaddrTest {

    @Test
    void theAddressesAServerAppendsBecomeBaseUrls() {
        assertEquals(Optional.of(URI.create("http://127.0.0.2:8000/")), HttpMultiaddr.toUrl("/ip4/127.0.0.2/tcp/8000/http"));
        assertEquals(Optional.of(URI.create("https://comments.example.org:443/")),
                HttpMultiaddr.toUrl("/dns4/Comments.Example.org/tcp/443/tls/http"));
        assertEquals(Optional.of(URI.create("https://example.org:8443/")), HttpMultiaddr.toUrl("/dns/example.org/tcp/8443/https"));
        assertEquals(Optional.of(URI.create("http://[::1]:8000/")), HttpMultiaddr.toUrl("/ip6/::1/tcp/8000/http"));
    }

    @Test
    void anythingElseIsNotAnHttpEndpoint() {
        for (String addr : new String[] {
                "/ip4/127.0.0.2/tcp/4001", "/ip4/127.0.0.2/tcp/4002/ws", "/ip4/127.0.0.2/udp/4001/quic-v1",
                "/ip4/999.0.0.2/tcp/8000/http", "/ip4/127.0.0.2/tcp/0/http", "/ip4/127.0.0.2/tcp/70000/http",
                "/dns4/bad_name!/tcp/443/tls/http", "/dns4/a@b/tcp/80/http", "/ip4/127.0.0.2/tcp/8000/http/extra",
                "/ip6/not-an-ip/tcp/80/http", "", "http://127.0.0.2:8000/"}) {
            assertEquals(Optional.empty(), HttpMultiaddr.toUrl(addr), addr);
        }
    }
}

package dev.comments.sync.discovery;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the HTTP multiaddr a server appends to its announced addresses (docs/protocol.md §2)
 * into a base URL: {@code /ip4/<ip>/tcp/<port>/http} → {@code http://<ip>:<port>/},
 * {@code /dns4/<name>/tcp/443/tls/http} → {@code https://<name>:443/}. Anything else,
 * or anything malformed, is not an HTTP endpoint.
 */
public final class HttpMultiaddr {

    private static final Pattern FORM = Pattern.compile(
            "/(ip4|ip6|dns|dns4|dns6)/([^/]+)/tcp/(\\d{1,5})(/tls)?/(http|https)");
    private static final Pattern IP4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IP6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");
    private static final Pattern DNS = Pattern.compile("(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private HttpMultiaddr() {
    }

    public static Optional<URI> toUrl(String multiaddr) {
        Matcher m = FORM.matcher(multiaddr);
        if (!m.matches()) {
            return Optional.empty();
        }
        String protocol = m.group(1);
        String host = m.group(2);
        int port = Integer.parseInt(m.group(3));
        boolean tls = m.group(4) != null || "https".equals(m.group(5));
        if (port < 1 || port > 65535) {
            return Optional.empty();
        }
        String authority;
        switch (protocol) {
            case "ip4" -> {
                if (!IP4.matcher(host).matches()) {
                    return Optional.empty();
                }
                authority = host;
            }
            case "ip6" -> {
                if (!IP6.matcher(host).matches() || !host.contains(":")) {
                    return Optional.empty();
                }
                authority = "[" + host + "]";
            }
            default -> {
                if (!DNS.matcher(host).matches()) {
                    return Optional.empty();
                }
                authority = host.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return Optional.of(URI.create((tls ? "https" : "http") + "://" + authority + ":" + port + "/"));
    }
}

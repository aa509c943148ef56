package dev.comments.server.clients;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.HostName;
import inet.ipaddr.HostNameException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The address a request really comes from, and the client it counts as.
 *
 * <p>Behind a reverse proxy (docs/deploy.md puts Caddy in front) every request arrives from the
 * proxy, which writes the address it was reached from into a header. That header is believed
 * only on a request that arrives from a trusted proxy, and it is read from the right: each trusted
 * proxy appends what it saw, so the rightmost address that is not a trusted proxy is the last one
 * a trusted party saw; everything left of it the client may have written itself ("rightmost
 * untrusted"). A request from anywhere else is its own address, whatever its headers say.
 *
 * <p>A client is an IPv4 address, or an IPv6 /64: one subscriber usually holds a whole /64, and
 * counting its 2^64 addresses apart would give it that many budgets.
 *
 * <p>Cost per request: at most {@link #MAX_HOPS} header entries, each matched against the trusted
 * ranges (a handful); nothing is kept.
 */
public final class ClientAddresses {

    /** Proxies in a row we follow; a longer chain counts as coming from the last one we read. */
    static final int MAX_HOPS = 16;
    static final int IPV6_CLIENT_PREFIX = 64;

    public enum Header {
        X_FORWARDED_FOR("X-Forwarded-For"), FORWARDED("Forwarded");

        private final String name;

        Header(String name) {
            this.name = name;
        }

        public String headerName() {
            return name;
        }

        static Header of(String name) {
            for (Header h : values()) {
                if (h.name.equalsIgnoreCase(name.strip())) {
                    return h;
                }
            }
            throw new IllegalArgumentException("http.forwarded.header: \"" + name + "\" is neither X-Forwarded-For nor Forwarded");
        }
    }

    private final List<IPAddress> trusted;
    private final Header header;

    /**
     * {@code trustedProxies}: addresses and CIDR ranges, comma-separated (empty: none);
     * {@code header}: X-Forwarded-For or Forwarded. Refuses anything else, with why.
     */
    public ClientAddresses(String trustedProxies, String header) {
        this.trusted = parseRanges(trustedProxies);
        this.header = Header.of(header);
    }

    /**
     * The client's address: {@code remote} (the connection's peer) unless it is a trusted proxy,
     * else the rightmost untrusted address of the header's {@code values} (every occurrence, in
     * order). When the header is missing, unreadable or names only trusted proxies, the last
     * trusted address read: a trusted proxy sending on its own behalf.
     */
    public IPAddress clientOf(String remote, List<String> values) {
        IPAddress address = parseAddress(remote).orElseThrow(
                () -> new IllegalArgumentException("the connection's address is not an IP address: " + remote));
        List<String> hops = hops(values);
        for (int i = hops.size() - 1; i >= 0 && isTrusted(address); i--) {
            Optional<IPAddress> next = parseAddress(hops.get(i));
            if (next.isEmpty()) {
                break;
            }
            address = next.get();
        }
        return address;
    }

    /** The key of the budget of the client that sent {@code request}. */
    public String clientKey(HttpServletRequest request) {
        return clientKey(clientOf(request.getRemoteAddr(), Collections.list(request.getHeaders(header.headerName()))));
    }

    /** The key of the client's budget: the IPv4 address, or the IPv6 address's /64. */
    public static String clientKey(IPAddress address) {
        IPAddress plain = address.isIPv4Convertible() ? address.toIPv4() : address;
        if (plain.isIPv6()) {
            return plain.toPrefixBlock(IPV6_CLIENT_PREFIX).toCanonicalString();
        }
        return plain.toCanonicalString();
    }

    boolean isTrusted(IPAddress address) {
        IPAddress plain = address.isIPv4Convertible() ? address.toIPv4() : address;
        for (IPAddress range : trusted) {
            if (range.contains(plain)) {
                return true;
            }
        }
        return false;
    }

    /** The header's entries in order, the last one written by the proxy nearest to us. */
    private List<String> hops(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            for (String element : value.split(",")) {
                String hop = header == Header.FORWARDED ? forwardedFor(element) : element.strip();
                hops.add(hop);
            }
        }
        return hops.size() > MAX_HOPS ? hops.subList(hops.size() - MAX_HOPS, hops.size()) : hops;
    }

    /** RFC 7239: the {@code for=} parameter of one element, unquoted; "" when it has none. */
    private static String forwardedFor(String element) {
        for (String pair : element.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("for")) {
                String value = pair.substring(eq + 1).strip();
                return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        return "";
    }

    /**
     * An IP address written alone or with a port ({@code 192.0.2.1}, {@code 192.0.2.1:4711},
     * {@code 2001:db8::1}, {@code [2001:db8::1]:4711}); no host name is ever looked up.
     */
    static Optional<IPAddress> parseAddress(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        IPAddress address = new IPAddressString(text.strip()).getAddress();
        if (address == null) {
            try {
                HostName host = new HostName(text.strip());
                host.validate();
                address = host.isAddress() ? host.asAddress() : null;
            } catch (HostNameException e) {
                return Optional.empty();
            }
        }
        // one address, not a range, a subnet or a wildcard the parser would also take
        return address == null || address.isMultiple() || address.isPrefixed() ? Optional.empty() : Optional.of(address);
    }

    private static List<IPAddress> parseRanges(String text) {
        List<IPAddress> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                IPAddressString written = new IPAddressString(part.strip());
                if (written.isAllAddresses() || written.isEmpty()) {
                    throw new IllegalArgumentException("http.trusted.proxies: \"" + part.strip()
                            + "\" would trust every address; name the proxies");
                }
                IPAddress range = written.toAddress();
                ranges.add(range.isPrefixed() ? range.toPrefixBlock() : range);
            } catch (AddressStringException e) {
                throw new IllegalArgumentException("http.trusted.proxies: \"" + part.strip()
                        + "\" is not an IP address or a CIDR range (" + e.getMessage() + ")", e);
            }
        }
        return Collections.unmodifiableList(ranges);
    }
}

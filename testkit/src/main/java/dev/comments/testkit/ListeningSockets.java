package dev.comments.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The addresses a process listens on (TCP in LISTEN, UDP bound), read from Linux's /proc:
 * its socket inodes from {@code /proc/<pid>/fd}, their local addresses from
 * {@code /proc/net/{tcp,tcp6,udp,udp6}}. Lets a test check that a server binds loopback only.
 */
public final class ListeningSockets {

    public record Socket(String protocol, InetAddress address, int port) {
        @Override
        public String toString() {
            return protocol + " " + address.getHostAddress() + ":" + port;
        }
    }

    private ListeningSockets() {
    }

    public static List<Socket> of(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while we listed them
                }
            }
        }
        List<Socket> sockets = new ArrayList<>();
        for (String protocol : List.of("tcp", "tcp6", "udp", "udp6")) {
            List<String> rows = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "net", protocol));
            for (String row : rows.subList(1, rows.size())) {
                String[] f = row.trim().split("\\s+");
                boolean listening = protocol.startsWith("tcp") ? f[3].equals("0A") : f[3].equals("07");
                if (listening && inodes.contains(f[9])) {
                    String[] local = f[1].split(":");
                    sockets.add(new Socket(protocol, address(local[0]), Integer.parseInt(local[1], 16)));
                }
            }
        }
        return sockets;
    }

    /** /proc/net's hex address: 32-bit words in host (little-endian) order. */
    private static InetAddress address(String hex) throws UnknownHostException {
        byte[] raw = HexFormat.of().parseHex(hex);
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 2; i++) {
                byte b = raw[word + i];
                raw[word + i] = raw[word + 3 - i];
                raw[word + 3 - i] = b;
            }
        }
        return InetAddress.getByAddress(raw);
    }
}

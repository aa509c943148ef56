package dev.comments.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for a process a test starts later, free now on one loopback address, and chosen
 * below the kernel's ephemeral range (/proc/sys/net/ipv4/ip_local_port_range): a port the
 * kernel hands out (`bind(…:0)`, an outgoing connection's source port) may be taken by
 * any process that connects from that address before ours binds it, as a kubo daemon's
 * dials to its peers did once, leaving a Payara Micro without its port.
 */
public final class FreePorts {

    private static final int LOWEST = 10_000;

    private FreePorts() {
    }

    public static int[] on(String ip, int count) {
        int below = ephemeralStart();
        Set<Integer> chosen = new HashSet<>();
        List<Integer> ports = new ArrayList<>();
        for (int attempt = 0; ports.size() < count; attempt++) {
            if (attempt > 10_000) {
                throw new IllegalStateException("no " + count + " free ports on " + ip + " below " + below);
            }
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (chosen.add(port) && bindable(ip, port)) {
                ports.add(port);
            }
        }
        return ports.stream().mapToInt(Integer::intValue).toArray();
    }

    public static int on(String ip) {
        return on(ip, 1)[0];
    }

    private static boolean bindable(String ip, int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(ip))) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int ephemeralStart() {
        try {
            // readAllLines, not readString: procfs files report no size, and readString trusts it.
            return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim()
                    .split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768; // Linux's default
        }
    }
}

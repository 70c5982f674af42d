package dev.sigil.ear;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on, read from Linux's {@code /proc}: the socket inodes among
 * the process's file descriptors, matched with the {@code LISTEN} rows of {@code /proc/net/tcp} and
 * {@code tcp6}. What {@code ss -ltnp} shows, without depending on {@code ss}.
 */
public final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    /** The addresses {@code pid} listens on, as {@code host:port} (IPv4-mapped shown as IPv4). */
    public static List<String> of(long pid) throws IOException {
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
        List<String> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> rows = Files.readAllLines(Path.of(table));
            for (String row : rows.subList(1, rows.size())) {
                String[] fields = row.trim().split("\\s+");
                if (fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
                    listening.add(address(fields[1]));
                }
            }
        }
        return listening;
    }

    /** Those of {@code listening} that are not on a loopback address. */
    public static List<String> beyondLoopback(List<String> listening) {
        return listening.stream()
                .filter(address -> !address.startsWith("127."))
                .filter(address -> !address.startsWith("[0:0:0:0:0:0:0:1]:"))
                .toList();
    }

    /** {@code 0100007F:1F90} or its 32-digit IPv6 form: each 32-bit word is little-endian. */
    static String address(String hexAddressAndPort) throws IOException {
        String[] parts = hexAddressAndPort.split(":");
        byte[] raw = HexFormat.of().parseHex(parts[0]);
        byte[] address = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                address[word + i] = raw[word + 3 - i];
            }
        }
        String host = InetAddress.getByAddress(address).getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host)
                + ":"
                + Integer.parseInt(parts[1], 16);
    }
}

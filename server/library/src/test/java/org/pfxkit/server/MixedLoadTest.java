package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 500 clients at once, faulty ones mixed with good ones: every good one is answered, and every faulty one yields
 * exactly one event, with its own code, naming its own port.
 */
class MixedLoadTest {
    private static final int CLIENTS = 500;
    @AutoClose
    private TestServer server;

    private enum Kind {
        GOOD(null), CLOSE_AT_ONCE(FailureCode.CONNECT_CLOSE_NO_HELLO), HALF_HELLO(FailureCode.HANDSHAKE_EOF),
        RESET(FailureCode.HANDSHAKE_RESET), GARBAGE(FailureCode.NOT_TLS_OTHER), HTTP(FailureCode.NOT_TLS_HTTP),
        TLS10(FailureCode.NO_COMMON_PROTOCOL);

        final FailureCode expected;

        Kind(FailureCode expected) {
            this.expected = expected;
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void fiveHundredMixedClientsAtOnceGetTheirAnswersAndTheirOwnEvents(TlsEngine engine) throws Exception {
        server = TestServer.start(engine, b -> b.ioThreads(2));
        SSLContext trusting = Clients.trusting(TestServer.ROOT.certificate());
        byte[] hello = Clients.jdkClientHello("localhost");
        byte[] tls10 = Clients.tls10ClientHello();
        Map<InetSocketAddress, Kind> bySource = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<String>> good = new ArrayList<>();
        List<Future<?>> all = new ArrayList<>();
        Kind[] kinds = Kind.values();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                Kind kind = kinds[i % kinds.length];
                int n = i;
                Future<String> f = pool.submit(() -> run(kind, n, trusting, hello, tls10, bySource));
                all.add(f);
                if (kind == Kind.GOOD) {
                    good.add(f);
                }
            }
            for (int i = 0; i < good.size(); i++) {
                String reply = good.get(i).get(60, TimeUnit.SECONDS);
                assertEquals(true, reply.startsWith("Received request: 'client "), reply);
            }
            for (Future<?> f : all) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long faulty = bySource.values().stream().filter(k -> k != Kind.GOOD).count();
        Map<Kind, Integer> wrong = new HashMap<>();
        for (long i = 0; i < faulty; i++) {
            FailureEvent event = server.nextEvent();
            Kind kind = bySource.get(event.remote());
            if (kind == null || kind.expected != event.code()) {
                wrong.merge(kind == null ? Kind.GOOD : kind, 1, Integer::sum);
            }
        }
        assertEquals(Map.of(), wrong, "events whose code does not fit the client on that port");
        // Counted once every connection has closed (its summary is the last report about it), not by waiting a while.
        for (int i = 0; i < CLIENTS; i++) {
            server.nextClosed();
        }
        List<FailureEvent> events = server.deliveredEvents();
        Map<Long, Long> perConnection = events.stream()
                .collect(Collectors.groupingBy(FailureEvent::connectionId, Collectors.counting()));
        assertEquals(List.of(), perConnection.entrySet().stream().filter(e -> e.getValue() != 1).toList(),
                "connections with more than one event");
        assertEquals(faulty, events.size(), "no event beyond one per faulty client");
        assertEquals(faulty, server.server.counters().failures().values().stream().mapToLong(Long::longValue).sum(),
                "the server's failure counters");
        assertEquals(CLIENTS, server.server.counters().accepted());
    }

    private String run(Kind kind, int n, SSLContext trusting, byte[] hello, byte[] tls10,
                       Map<InetSocketAddress, Kind> bySource) throws IOException {
        if (kind == Kind.GOOD) {
            try (SSLSocket socket = Clients.connect(trusting, server.port(), "localhost")) {
                bySource.put((InetSocketAddress) socket.getLocalSocketAddress(), kind);
                return Clients.sendAndRead(socket, "client " + n);
            }
        }
        // Each faulty client from a loopback address of its own: a source port alone can be used again by a later
        // client once the first has closed, and its event would then be taken for the later client's.
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 1, (byte) (n / 250),
                (byte) (n % 250 + 1)}), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
        socket.setSoTimeout(30_000);
        bySource.put((InetSocketAddress) socket.getLocalSocketAddress(), kind);
        try (socket) {
            switch (kind) {
                case CLOSE_AT_ONCE -> { }
                case HALF_HELLO -> socket.getOutputStream().write(Arrays.copyOf(hello, hello.length / 2));
                case RESET -> {
                    socket.getOutputStream().write(Arrays.copyOf(hello, 20));
                    socket.setSoLinger(true, 0);
                }
                case GARBAGE -> {
                    socket.getOutputStream().write("\u0000garbage\n".getBytes(StandardCharsets.US_ASCII));
                    socket.getInputStream().readAllBytes();
                }
                case HTTP -> {
                    socket.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    socket.getInputStream().readAllBytes();
                }
                case TLS10 -> {
                    socket.getOutputStream().write(tls10);
                    socket.getInputStream().readAllBytes();
                }
                default -> throw new IllegalStateException(kind.toString());
            }
        }
        return "";
    }
}

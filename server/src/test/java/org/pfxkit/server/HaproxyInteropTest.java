package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pfxkit.shared.testing.ExternalTool;

/**
 * docs/scaling.md's set-up for real: Debian's HAProxy in TCP mode, round robin, in front of two servers started with
 * --proxy-protocol, once with send-proxy-v2 and once with send-proxy (v1), health checks on with check-send-proxy as
 * the doc recommends. Clients are answered by both backends, the backends see each client's own address and port,
 * and a client that gives up during the handshake is one failure event at a backend naming that client.
 */
class HaproxyInteropTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;
    private final List<TlsServer> backends = new ArrayList<>();
    /** Every connection that completed its handshake, as each backend's ConnectionListener saw it. */
    private final List<BlockingQueue<ConnectionSummary>> completed = new ArrayList<>();
    /** Every failure event of both backends, health checks' included: to wait on, and all of them to look back on. */
    private final BlockingQueue<FailureEvent> failures = new LinkedBlockingQueue<>();
    private final List<List<FailureEvent>> failuresByBackend = List.of(new CopyOnWriteArrayList<>(),
            new CopyOnWriteArrayList<>());
    private Process haproxy;
    private int port;

    @AfterEach
    void stop() throws InterruptedException {
        if (haproxy != null) {
            haproxy.destroy();
            if (!haproxy.waitFor(5, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        backends.forEach(b -> b.shutdown(Duration.ofSeconds(2)));
    }

    /** Two backends with --proxy-protocol, then HAProxy in front of them, listening on a free loopback port. */
    private void start(String sendProxy) throws Exception {
        String executable = ExternalTool.require("/usr/sbin/haproxy");
        for (int i = 0; i < 2; i++) {
            BlockingQueue<ConnectionSummary> served = new LinkedBlockingQueue<>();
            completed.add(served);
            List<FailureEvent> mine = failuresByBackend.get(i);
            backends.add(TlsServer.builder().keyMaterial(TestServer.leafMaterial()).ioThreads(1).proxyProtocol(true)
                    .onFailure(e -> {
                        mine.add(e);
                        failures.add(e);
                    })
                    .onConnection(s -> {
                        if (s.failure() == null && s.protocol() != null) {
                            served.add(s);
                        }
                    })
                    .bind(new InetSocketAddress(LOOPBACK, 0)));
        }
        port = freePort();
        // Health checks stay on, as docs/scaling.md configures them: with check-send-proxy each check carries a
        // header (v2: a LOCAL command; v1: a PROXY line naming the check's own connection), connects and closes. They
        // are CONNECT_CLOSE_NO_HELLO events of no client of ours, and never a completed handshake, so the counts
        // below (completed handshakes, events naming our client's port) do not see them.
        String config = String.join("\n",
                "global",
                "    maxconn 200",
                "defaults",
                "    mode tcp",
                "    timeout connect 5s",
                "    timeout client 30s",
                "    timeout server 30s",
                "frontend tls",
                "    bind 127.0.0.1:" + port,
                "    default_backend echo",
                "backend echo",
                "    balance roundrobin",
                "    server echo1 127.0.0.1:" + backends.get(0).port() + " " + sendProxy
                        + " check check-send-proxy inter 200ms",
                "    server echo2 127.0.0.1:" + backends.get(1).port() + " " + sendProxy
                        + " check check-send-proxy inter 200ms",
                "");
        Path cfg = Files.writeString(dir.resolve("haproxy.cfg"), config);
        Path log = dir.resolve("haproxy.log");
        haproxy = new ProcessBuilder(executable, "-db", "-f", cfg.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        awaitListening(port, log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            return probe.getLocalPort();
        }
    }

    /**
     * Polls the kernel's table of TCP sockets (/proc/net/tcp) until HAProxy's listening socket is there. A test
     * connection would do as well but not for free: HAProxy would pass it on to a backend as a connection of its own.
     */
    private void awaitListening(int listenPort, Path log) throws Exception {
        String local = String.format("0100007F:%04X", listenPort);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!haproxy.isAlive()) {
                fail("haproxy exited with " + haproxy.exitValue() + ":\n" + Files.readString(log));
            }
            for (String line : Files.readAllLines(Path.of("/proc/net/tcp"))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 3 && fields[1].equals(local) && fields[3].equals("0A")) { // 0A: TCP_LISTEN
                    return;
                }
            }
            Thread.sleep(20);
        }
        fail("haproxy did not listen on port " + listenPort + " within 20 s:\n" + Files.readString(log));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"send-proxy-v2", "send-proxy"})
    void clientsAreAnsweredByBothBackendsWhichSeeEachClientsOwnAddress(String sendProxy) throws Exception {
        start(sendProxy);
        SSLContext trusting = Clients.trusting(TestServer.ROOT.certificate());
        Set<Integer> clientPorts = new HashSet<>();
        int clients = 4;
        for (int i = 0; i < clients; i++) {
            try (SSLSocket socket = Clients.connect(trusting, port, "localhost")) {
                clientPorts.add(socket.getLocalPort());
                assertEquals("Received request: 'c" + i + "'", Clients.sendAndRead(socket, "c" + i));
            }
        }
        Set<Integer> seenPorts = new HashSet<>();
        for (int i = 0; i < clients; i++) {
            ConnectionSummary summary = nextCompleted();
            assertEquals(LOOPBACK, summary.remote().getAddress());
            assertEquals(new InetSocketAddress(LOOPBACK, port), summary.local(), "the address the client reached");
            seenPorts.add(summary.remote().getPort());
        }
        assertEquals(clientPorts, seenPorts, "each connection is named by its client's own port, not HAProxy's");
        // Round robin over two servers that stay up: the four clients alternate between them.
        assertTrue(backends.get(0).counters().handshakes() >= 1 && backends.get(1).counters().handshakes() >= 1,
                "both backends served: " + backends.get(0).counters() + " / " + backends.get(1).counters());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"send-proxy-v2", "send-proxy"})
    void aClientThatGivesUpDuringTheHandshakeIsOneEventAtABackendNamingThatClient(String sendProxy)
            throws Exception {
        start(sendProxy);
        int clientPort;
        try (Socket socket = new Socket(LOOPBACK, port)) {
            socket.setSoTimeout(20_000);
            clientPort = socket.getLocalPort();
            socket.getOutputStream().write(Clients.jdkClientHello("localhost"));
            InputStream in = socket.getInputStream();
            // The first byte of the server's answer proves HAProxy has connected a backend and passed the hello on.
            assertEquals(0x16, in.read(), "a TLS handshake record from the backend");
            // Then give up as the recipe's client does, closing its side; HAProxy passes the close on (a FIN, since
            // no unread byte is dropped: we keep reading until the backend, then HAProxy, close).
            socket.shutdownOutput();
            in.readAllBytes();
        }
        FailureEvent event = nextFailureOf(clientPort);
        assertEquals(FailureCode.HANDSHAKE_EOF, event.code(), event::toString);
        assertEquals(new InetSocketAddress(LOOPBACK, clientPort), event.remote(), "the client's own address and port");
        assertEquals(new InetSocketAddress(LOOPBACK, port), event.local(), "the address the client reached");
        assertNull(nextFailureOf(clientPort, Duration.ofMillis(300)), "exactly one event for that connection");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"send-proxy-v2", "send-proxy"})
    void healthChecksWithCheckSendProxyAreQuietConnectAndCloseEventsNeverInvalidHeaders(String sendProxy)
            throws Exception {
        start(sendProxy);
        for (int i = 0; i < 2; i++) {
            List<FailureEvent> backend = failuresByBackend.get(i);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (backend.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20); // checks come every 200 ms ("inter 200ms")
            }
            assertTrue(!backend.isEmpty(), "no health check reached a backend");
            for (FailureEvent check : backend) {
                assertEquals(FailureCode.CONNECT_CLOSE_NO_HELLO, check.code(), check::toString);
                assertTrue(check.code().quiet());
                // v2: a LOCAL command, the socket's addresses kept; v1: a PROXY line naming the check's own
                // connection. Either way the check reached the backend itself, not our frontend.
                assertEquals(backends.get(i).address(), check.local(), check::toString);
            }
        }
    }

    private ConnectionSummary nextCompleted() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (BlockingQueue<ConnectionSummary> queue : completed) {
                ConnectionSummary s = queue.poll();
                if (s != null) {
                    return s;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("a served connection was not reported by either backend");
    }

    private FailureEvent nextFailureOf(int clientPort) throws InterruptedException {
        FailureEvent event = nextFailureOf(clientPort, Duration.ofSeconds(20));
        assertTrue(event != null, "no failure event named the client's port " + clientPort + "; events: " + failures);
        return event;
    }

    /** The next failure event naming this client port (skipping health checks'), or null after the wait. */
    private FailureEvent nextFailureOf(int clientPort, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (long left = wait.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            FailureEvent e = failures.poll(left, TimeUnit.NANOSECONDS);
            if (e != null && e.remote().getPort() == clientPort && e.local().getPort() == port) {
                return e;
            }
        }
        return null;
    }
}

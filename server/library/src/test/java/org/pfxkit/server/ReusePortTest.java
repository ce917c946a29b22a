package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

import io.netty.channel.epoll.Epoll;

/**
 * --reuse-port: servers that all set SO_REUSEPORT share one port and the kernel spreads connections over them; one
 * that does not set it cannot join. On epoll each server's I/O threads listen with the option themselves, one socket
 * each, so a server started with --reuse-port may join one started without it; a second server without it is
 * refused (TlsLimitsTest too). The NIO refusal is in internal/TransportTest.
 */
class ReusePortTest {
    private final List<TlsServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.shutdown(java.time.Duration.ofSeconds(2)));
    }

    private TlsServer bind(int port, boolean reusePort) throws PfxkitException {
        TlsServer server = TlsServer.builder().keyMaterial(TestServer.leafMaterial()).ioThreads(1).reusePort(reusePort)
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        servers.add(server);
        return server;
    }

    @Test
    void twoServersWithReusePortShareOnePortAndBothAnswerClients() throws Exception {
        TlsServer first = bind(0, true);
        TlsServer second = bind(first.port(), true);
        assertEquals(first.port(), second.port());
        // The kernel picks the socket by a hash of each connection's addresses and ports (socket(7)): over 24
        // clients, each from its own port, both get some (all on one would be a 1 in 2^23 draw).
        int clients = 24;
        for (int i = 0; i < clients; i++) {
            assertEquals("Received request: 'c" + i + "'", Clients.exchange(first.port(), "c" + i));
        }
        long a = first.counters().handshakes();
        long b = second.counters().handshakes();
        assertEquals(clients, a + b, "every client was served by one of them");
        assertTrue(a > 0 && b > 0, "both served: " + a + " and " + b);
    }

    @Test
    void aServerWithoutReusePortCannotJoinASharedPort() throws Exception {
        TlsServer shared = bind(0, true);
        PfxkitException e = assertThrows(PfxkitException.class, () -> bind(shared.port(), false));
        assertEquals(Problem.PORT_IN_USE, e.problem());
    }

    @Test
    void aSecondServerWithoutReusePortIsRefusedThoughTheFirstListensWithTheOption() throws Exception {
        // On epoll every I/O thread has its own listening socket with SO_REUSEPORT; a plain bind first keeps the
        // port from being shared by accident.
        TlsServer alone = TlsServer.builder().keyMaterial(TestServer.leafMaterial()).ioThreads(2)
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        servers.add(alone);
        PfxkitException e = assertThrows(PfxkitException.class, () -> bind(alone.port(), false));
        assertEquals(Problem.PORT_IN_USE, e.problem());
        assertTrue(e.hint().contains("choose another --port"), e.hint());
    }

    @Test
    void onEpollEveryIoThreadAcceptsItsOwnConnectionsWithoutAnAcceptorThread() throws Exception {
        Assumptions.assumeTrue(Epoll.isAvailable(), "the NIO fallback keeps one acceptor thread");
        TlsServer server = TlsServer.builder().keyMaterial(TestServer.leafMaterial()).ioThreads(2)
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        servers.add(server);
        int clients = 24;
        for (int i = 0; i < clients; i++) {
            assertEquals("Received request: 'c" + i + "'", Clients.exchange(server.port(), "c" + i));
        }
        assertEquals(clients, server.counters().handshakes());
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("pfxkit-accept")),
                "no acceptor thread hands connections over");
    }
}

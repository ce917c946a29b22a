package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The PROXY protocol (--proxy-protocol) against a real server on loopback: headers written by hand (v1 and v2, as
 * HAProxy's doc/proxy-protocol.txt lays them out), then a real TLS handshake by the JDK's client over the same socket.
 * The header's addresses must be the connection's everywhere (the handler's Connection, the connection summary, the
 * failure event); a connection without a valid header must be one PROXY_HEADER_INVALID event.
 */
class ProxyProtocolTest {
    private static final InetSocketAddress CLIENT = address("192.0.2.7", 49144);
    private static final InetSocketAddress BALANCER = address("198.51.100.1", 443);
    private static final InetSocketAddress CLIENT6 = address("2001:db8::7", 50123);
    private static final InetSocketAddress BALANCER6 = address("2001:db8::1", 8443);

    @AutoClose
    private TestServer server;
    /** What the handler saw: Connection.remote() and local() of each connection, in order. */
    private final BlockingQueue<InetSocketAddress[]> seen = new LinkedBlockingQueue<>();

    private static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void start() throws Exception {
        start(Duration.ofSeconds(10));
    }

    private void start(Duration handshakeTimeout) throws Exception {
        server = TestServer.start(TlsEngine.AUTO, b -> b.proxyProtocol(true).handshakeTimeout(handshakeTimeout)
                .handler(() -> (connection, line) -> {
                    seen.add(new InetSocketAddress[] {connection.remote(), connection.local()});
                    connection.writeLineAndClose(EchoProtocol.reply(line));
                }));
    }

    /** Writes the header on a fresh socket, then runs the JDK's TLS client over that same socket. */
    private String exchangeAfter(byte[] header, String line) throws IOException {
        try (Socket socket = Clients.raw(server.port())) {
            socket.getOutputStream().write(header);
            try (SSLSocket tls = (SSLSocket) Clients.trusting(TestServer.ROOT.certificate()).getSocketFactory()
                    .createSocket(socket, "localhost", server.port(), true)) {
                return Clients.sendAndRead(tls, line);
            }
        }
    }

    private InetSocketAddress[] handlerSaw() throws InterruptedException {
        InetSocketAddress[] addresses = seen.poll(20, TimeUnit.SECONDS);
        assertTrue(addresses != null, "the handler got no line");
        return addresses;
    }

    private FailureEvent expectOneEvent(FailureCode code) throws Exception {
        FailureEvent event = server.nextEvent();
        assertEquals(code, event.code(), event::toString);
        server.assertOnlyEventOfItsConnection(event);
        return event;
    }

    /** The server closed: an end of stream, or a reset when it closed with some of our bytes unread. */
    private static void assertClosedByServer(Socket socket) throws IOException {
        try {
            assertEquals(-1, socket.getInputStream().read(), "the server closes the connection");
        } catch (SocketException reset) {
            assertTrue(String.valueOf(reset.getMessage()).contains("reset"), reset::getMessage);
        }
    }

    private static byte[] header(int version, InetSocketAddress source, InetSocketAddress destination) {
        return version == 1 ? ProxyHeaders.v1(source, destination) : ProxyHeaders.v2(source, destination, null);
    }

    @ParameterizedTest(name = "PROXY protocol v{0}")
    @ValueSource(ints = {1, 2})
    void theHeadersSourceIsTheClientForTheHandlerAndTheConnectionSummary(int version) throws Exception {
        start();
        assertEquals("Received request: 'hello'", exchangeAfter(header(version, CLIENT, BALANCER), "hello"));
        InetSocketAddress[] addresses = handlerSaw();
        assertEquals(CLIENT, addresses[0], "Connection.remote()");
        assertEquals(BALANCER, addresses[1], "Connection.local()");
        ConnectionSummary summary = server.assertNextClosedWithoutFailure();
        assertEquals(CLIENT, summary.remote());
        assertEquals(BALANCER, summary.local());
    }

    @ParameterizedTest(name = "PROXY protocol v{0}")
    @ValueSource(ints = {1, 2})
    void anIpv6ClientIsNamedByItsIpv6Address(int version) throws Exception {
        start();
        byte[] header = version == 1 ? ProxyHeaders.v1(CLIENT6, BALANCER6)
                : ProxyHeaders.v2(CLIENT6, BALANCER6, "hunter.example.com");
        assertEquals("Received request: 'six'", exchangeAfter(header, "six"));
        InetSocketAddress[] addresses = handlerSaw();
        assertEquals(CLIENT6, addresses[0]);
        assertEquals(BALANCER6, addresses[1]);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v2 LOCAL", "v1 UNKNOWN"})
    void aLocalCommandOrAnUnknownFamilyKeepsTheSocketsAddresses(String kind) throws Exception {
        start();
        // LOCAL is what HAProxy's check-send-proxy health checks send with v2; section 2.1 allows "PROXY UNKNOWN".
        byte[] header = kind.equals("v2 LOCAL") ? ProxyHeaders.v2Local()
                : "PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII);
        InetSocketAddress client;
        InetSocketAddress ours;
        try (Socket socket = Clients.raw(server.port())) {
            client = (InetSocketAddress) socket.getLocalSocketAddress();
            ours = (InetSocketAddress) socket.getRemoteSocketAddress();
            socket.getOutputStream().write(header);
            try (SSLSocket tls = (SSLSocket) Clients.trusting(TestServer.ROOT.certificate()).getSocketFactory()
                    .createSocket(socket, "localhost", server.port(), true)) {
                assertEquals("Received request: 'check'", Clients.sendAndRead(tls, "check"));
            }
        }
        InetSocketAddress[] addresses = handlerSaw();
        assertEquals(client, addresses[0]);
        assertEquals(ours, addresses[1]);
    }

    @ParameterizedTest(name = "PROXY protocol v{0}")
    @ValueSource(ints = {1, 2})
    void aClientThatClosesDuringTheHandshakeIsOneEventNamingTheHeadersAddresses(int version) throws Exception {
        start();
        byte[] hello = Clients.jdkClientHello("localhost");
        try (Socket socket = Clients.raw(server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(header(version, CLIENT, BALANCER));
            out.write(Arrays.copyOf(hello, hello.length / 2));
        }
        FailureEvent event = expectOneEvent(FailureCode.HANDSHAKE_EOF);
        assertEquals(CLIENT, event.remote());
        assertEquals(BALANCER, event.local());
        assertEquals(CLIENT, server.nextClosed().remote(), "the connection log names the client too");
        assertEquals("Received request: 'next'", exchangeAfter(header(version, CLIENT, BALANCER), "next"));
    }

    @ParameterizedTest(name = "PROXY protocol v{0}")
    @ValueSource(ints = {1, 2})
    void aHeaderThenACloseIsOneConnectAndCloseOfTheHeadersClient(int version) throws Exception {
        start();
        try (Socket socket = Clients.raw(server.port())) {
            socket.getOutputStream().write(header(version, CLIENT, BALANCER));
        }
        FailureEvent event = expectOneEvent(FailureCode.CONNECT_CLOSE_NO_HELLO);
        assertEquals(CLIENT, event.remote());
        assertTrue(event.message().contains("after its PROXY header"), event.message());
    }

    @Test
    void aConnectAndCloseWithoutAByteIsOneConnectAndCloseEvent() throws Exception {
        start();
        int port;
        try (Socket socket = Clients.raw(server.port())) {
            port = socket.getLocalPort();
        }
        FailureEvent event = expectOneEvent(FailureCode.CONNECT_CLOSE_NO_HELLO);
        assertEquals(port, event.remote().getPort(), "no header: the socket's own peer");
    }

    @Test
    void aTlsClientWithoutAHeaderIsRefusedAsOneInvalidHeaderEventOfItsOwnAddress() throws Exception {
        start();
        int port;
        try (Socket socket = Clients.raw(server.port())) {
            port = socket.getLocalPort();
            socket.getOutputStream().write(Clients.jdkClientHello("localhost"));
            assertClosedByServer(socket);
        }
        FailureEvent event = expectOneEvent(FailureCode.PROXY_HEADER_INVALID);
        assertEquals(port, event.remote().getPort());
        assertEquals(InetAddress.getLoopbackAddress(), event.remote().getAddress());
        assertEquals(server.port(), event.local().getPort());
        assertTrue(event.message().contains("does not start with a PROXY protocol header (first bytes, hex: 1603"),
                event.message());
        assertEquals("Received request: 'next'", exchangeAfter(ProxyHeaders.v1(CLIENT, BALANCER), "next"));
    }

    @Test
    void aShortNonHeaderIsRefusedAtOnceNotAtTheHandshakeTimeout() throws Exception {
        start();
        try (Socket socket = Clients.raw(server.port())) {
            socket.getOutputStream().write("hi\n".getBytes(StandardCharsets.US_ASCII));
            assertClosedByServer(socket);
        }
        assertTrue(expectOneEvent(FailureCode.PROXY_HEADER_INVALID).message().contains("hex: 68"));
    }

    @Test
    void aMalformedVersion1HeaderIsInvalidWithNettysReasonInPlainWords() throws Exception {
        start();
        try (Socket socket = Clients.raw(server.port())) {
            socket.getOutputStream().write("PROXY TCP4 192.0.2.300 198.51.100.1 49144 443\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertClosedByServer(socket);
        }
        FailureEvent event = expectOneEvent(FailureCode.PROXY_HEADER_INVALID);
        assertEquals("invalid PROXY protocol header: invalid HAProxy message: invalid IPv4 address: 192.0.2.300",
                event.message(), "a message for people, not a class name");
    }

    @Test
    void aVersion1HeaderLongerThanTheSpecAllowsIsInvalid() throws Exception {
        start();
        try (Socket socket = Clients.raw(server.port())) {
            // doc/proxy-protocol.txt section 2.1: a v1 line is at most 107 characters and its CRLF.
            socket.getOutputStream().write(("PROXY TCP4 " + "1".repeat(200)).getBytes(StandardCharsets.US_ASCII));
            assertClosedByServer(socket);
        }
        FailureEvent event = expectOneEvent(FailureCode.PROXY_HEADER_INVALID);
        assertTrue(event.message().startsWith("invalid PROXY protocol header: header length"), event.message());
        assertFalse(event.message().contains("Exception"), event.message());
    }

    @ParameterizedTest(name = "PROXY protocol v{0}")
    @ValueSource(ints = {1, 2})
    void aHeaderCutShortByTheClientIsInvalid(int version) throws Exception {
        start();
        byte[] header = header(version, CLIENT, BALANCER);
        try (Socket socket = Clients.raw(server.port())) {
            socket.getOutputStream().write(Arrays.copyOf(header, header.length - 3));
        }
        FailureEvent event = expectOneEvent(FailureCode.PROXY_HEADER_INVALID);
        assertTrue(event.message().contains("closed in the middle of its PROXY header"), event.message());
    }

    @Test
    void theHandshakeTimeoutCoversTheTimeToTheHeader() throws Exception {
        start(Duration.ofMillis(300));
        try (Socket socket = Clients.raw(server.port())) {
            socket.getOutputStream().write("PROXY TCP4 ".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, socket.getInputStream().read(), "closed at the handshake timeout");
        }
        FailureEvent event = expectOneEvent(FailureCode.HANDSHAKE_TIMEOUT);
        assertTrue(event.message().contains("the PROXY header did not finish"), event.message());
    }

    @ParameterizedTest(name = "PROXY protocol v{0}")
    @ValueSource(ints = {1, 2})
    void aHeaderSentToAServerWithoutTheOptionIsNotTlsWithTheSignatureInHex(int version) throws Exception {
        server = TestServer.start(TlsEngine.AUTO);
        try (Socket socket = Clients.raw(server.port())) {
            byte[] header = header(version, CLIENT, BALANCER);
            byte[] hello = Clients.jdkClientHello("localhost");
            byte[] both = Arrays.copyOf(header, header.length + hello.length);
            System.arraycopy(hello, 0, both, header.length, hello.length);
            socket.getOutputStream().write(both);
            assertClosedByServer(socket);
        }
        FailureEvent event = expectOneEvent(FailureCode.NOT_TLS_OTHER);
        // docs/server.md tells these apart from other bytes by their hex: "PROXY", or the v2 signature's start.
        assertTrue(event.message().contains(version == 1 ? "50524f5859" : "0d0a0d0a000d0a51"), event.message());
    }
}

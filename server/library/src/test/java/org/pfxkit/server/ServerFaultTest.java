package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.pfxkit.server.FailureEvent.Phase;

/**
 * Each fault, on both engines: exactly one event with the right code, tied to the connection (its id and the client's
 * own port), delivered to the server's listener; and the next client is served.
 */
class ServerFaultTest {
    @AutoClose
    private TestServer server;

    private FailureEvent expectOneEvent(FailureCode code, int clientPort) throws Exception {
        FailureEvent event = server.nextEvent();
        assertEquals(code, event.code(), () -> "event: " + event);
        assertEquals(1, event.connectionId(), "the first connection of a fresh server");
        assertEquals(clientPort, event.remote().getPort(), "the event names the client's own port");
        assertEquals(server.port(), event.local().getPort());
        assertTrue(!event.sinceAccept().isNegative());
        server.assertOnlyEventOfItsConnection(event);
        assertEquals("Received request: 'next'", Clients.exchange(server.port(), "next"), "the next client is served");
        return event;
    }

    private static byte[] readToEnd(Socket socket) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // a reset after the server's last bytes: what was read is what counts
        }
        return all.toByteArray();
    }

    /** A misbehaving client: what it does on a raw socket, and the one code its connection must end with. */
    enum Fault {
        PART_OF_THE_HELLO_THEN_CLOSE(FailureCode.HANDSHAKE_EOF, socket -> {
            byte[] hello = Clients.jdkClientHello("localhost");
            socket.getOutputStream().write(Arrays.copyOf(hello, hello.length / 2));
            socket.close();
        }),
        CLOSE_BEFORE_ANY_BYTE(FailureCode.CONNECT_CLOSE_NO_HELLO, Socket::close),
        GARBAGE_BYTES(FailureCode.NOT_TLS_OTHER, socket -> {
            socket.getOutputStream().write("\u0001\u0002 not a hello at all\n".getBytes(StandardCharsets.US_ASCII));
            readToEnd(socket);
            socket.close();
        }),
        TLS10_ONLY_HELLO(FailureCode.NO_COMMON_PROTOCOL, socket -> {
            socket.getOutputStream().write(Clients.tls10ClientHello());
            readToEnd(socket);
            socket.close();
        }),
        RESET_DURING_THE_HELLO(FailureCode.HANDSHAKE_RESET, socket -> {
            socket.getOutputStream().write(Arrays.copyOf(Clients.jdkClientHello("localhost"), 40));
            reset(socket);
        }),
        RESET_AFTER_THE_WHOLE_HELLO(FailureCode.HANDSHAKE_RESET, socket -> {
            socket.getOutputStream().write(Clients.jdkClientHello("localhost"));
            socket.getInputStream().read(); // the server's first flight has started: the engine is mid-handshake
            reset(socket);
        });

        final FailureCode expected;
        final ClientAction client;

        Fault(FailureCode expected, ClientAction client) {
            this.expected = expected;
            this.client = client;
        }
    }

    @FunctionalInterface
    interface ClientAction {
        void run(Socket socket) throws IOException;
    }

    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    static Stream<Arguments> faultsOnBothEngines() {
        return Stream.of(TlsEngine.OPENSSL, TlsEngine.JDK)
                .flatMap(engine -> Arrays.stream(Fault.values()).map(fault -> Arguments.of(engine, fault)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("faultsOnBothEngines")
    void eachFaultIsOneEventOfItsConnectionAndTheNextClientIsServed(TlsEngine engine, Fault fault) throws Exception {
        server = TestServer.start(engine);
        Socket socket = Clients.raw(server.port());
        int port = socket.getLocalPort();
        try (socket) {
            fault.client.run(socket);
        }
        FailureEvent event = expectOneEvent(fault.expected, port);
        assertEquals(Phase.HANDSHAKE, event.phase());
        if (fault == Fault.TLS10_ONLY_HELLO) {
            assertEquals(List.of("TLSv1"), event.offeredVersions());
            assertEquals("localhost", event.sniName());
        }
        if (fault == Fault.CLOSE_BEFORE_ANY_BYTE) {
            assertTrue(event.code().quiet());
            assertEquals(List.of(), event.offeredVersions());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void aClientThatClosesAfterItsWholeHelloIsAnEofEventWithItsSniName(TlsEngine engine) throws Exception {
        server = TestServer.start(engine);
        int port;
        try (Socket socket = Clients.raw(server.port())) {
            port = socket.getLocalPort();
            socket.getOutputStream().write(Clients.jdkClientHello("localhost"));
            socket.shutdownOutput();
            readToEnd(socket);
        }
        FailureEvent event = expectOneEvent(FailureCode.HANDSHAKE_EOF, port);
        assertEquals("localhost", event.sniName());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), event.offeredVersions());
        assertEquals(List.of("pfx-echo"), event.offeredAlpn());
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void aPlaintextHttpRequestGetsAOneLineHintAndAnEvent(TlsEngine engine) throws Exception {
        server = TestServer.start(engine);
        int port;
        String answer;
        try (Socket socket = Clients.raw(server.port())) {
            port = socket.getLocalPort();
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            answer = new String(readToEnd(socket), StandardCharsets.US_ASCII);
        }
        assertTrue(answer.startsWith("HTTP/1.0 400 Bad Request\r\n"), answer);
        assertTrue(answer.endsWith("\r\n\r\nClient sent an HTTP request to a TLS server: use https:// or a TLS client.\n"),
                answer);
        expectOneEvent(FailureCode.NOT_TLS_HTTP, port);
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void aClientThatSendsNothingIsClosedAtTheHandshakeTimeout(TlsEngine engine) throws Exception {
        server = TestServer.start(engine, b -> b.handshakeTimeout(Duration.ofMillis(300)));
        int port;
        try (Socket socket = Clients.raw(server.port())) {
            port = socket.getLocalPort();
            assertEquals(-1, socket.getInputStream().read(), "the server closes the connection");
        }
        FailureEvent event = expectOneEvent(FailureCode.HANDSHAKE_TIMEOUT, port);
        assertTrue(event.message().contains("300 ms"), event.message());
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void aOneMebibyteLineGetsAnErrorReplyAndACloseWithBoundedMemory(TlsEngine engine) throws Exception {
        server = TestServer.start(engine);
        int port;
        String reply;
        try (SSLSocket socket = Clients.connect(Clients.trusting(TestServer.ROOT.certificate()), server.port(),
                "localhost")) {
            port = socket.getLocalPort();
            socket.startHandshake();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    byte[] chunk = new byte[64 * 1024];
                    Arrays.fill(chunk, (byte) 'x');
                    for (int i = 0; i < 16; i++) {
                        out.write(chunk);
                    }
                    out.write('\n');
                    out.flush();
                } catch (IOException e) {
                    // the server may close before the whole line is out: that is allowed
                }
            });
            reply = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            writer.join();
        }
        assertEquals("error: line longer than 8192 bytes", reply);
        FailureEvent event = expectOneEvent(FailureCode.LINE_TOO_LONG, port);
        assertEquals(Phase.AFTER_HANDSHAKE, event.phase());
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void onlyTheFirstLineIsAnsweredEvenWhenTheSecondIsAlreadyBuffered(TlsEngine engine) throws Exception {
        server = TestServer.start(engine);
        try (SSLSocket socket = Clients.connect(Clients.trusting(TestServer.ROOT.certificate()), server.port(),
                "localhost")) {
            socket.getOutputStream().write("first\nsecond\n".getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            String all = new String(readToEnd(socket), StandardCharsets.UTF_8);
            assertEquals("Received request: 'first'\n", all);
        }
        server.assertNextClosedWithoutFailure();
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void aListenerThatThrowsIsLoggedAndTheServerGoesOn(TlsEngine engine) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server = TestServer.start(engine, b -> b.onFailure(e -> {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug");
        }));
        for (int i = 0; i < 2; i++) {
            try (Socket socket = Clients.raw(server.port())) {
                socket.getOutputStream().write("junk\n".getBytes(StandardCharsets.US_ASCII));
                readToEnd(socket);
            }
            assertEquals("Received request: 'still here'", Clients.exchange(server.port(), "still here"));
        }
        assertEquals(2L, server.server.counters().failures().get(FailureCode.NOT_TLS_OTHER));
        assertEquals(2, calls.get());
    }
}

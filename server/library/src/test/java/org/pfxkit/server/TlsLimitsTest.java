package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/** Limits and lifecycle: connection limit, idle timeout, graceful shutdown, refused protocols, a real TLSv1 client. */
class TlsLimitsTest {
    @TempDir
    Path dir;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void connectionsOverTheLimitAreClosedAtOnceAndCounted() throws Exception {
        server = TestServer.start(TlsEngine.AUTO, b -> b.maxConnections(2));
        try (Socket first = Clients.raw(server.port()); Socket second = Clients.raw(server.port());
             Socket third = Clients.raw(server.port())) {
            assertEquals(-1, third.getInputStream().read(), "the third connection is closed at once");
            first.getLocalPort();
            second.getLocalPort();
        }
        assertEquals(1, server.server.counters().rejectedOverLimit());
        assertEquals(3, server.server.counters().accepted());
    }

    @Test
    void aSilentConnectionIsClosedAtTheIdleTimeoutWithoutAFailureEvent() throws Exception {
        server = TestServer.start(TlsEngine.AUTO, b -> b.idleTimeout(Duration.ofMillis(300))
                .handler(EchoProtocol.everyLine()));
        try (SSLSocket socket = Clients.connect(Clients.trusting(TestServer.ROOT.certificate()), server.port(),
                "localhost")) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
            out.println("one");
            assertEquals("Received request: 'one'", in.readLine());
            out.println("two");
            assertEquals("Received request: 'two'", in.readLine(), "--echo-all answers every line");
            assertNull(in.readLine(), "closed by the idle timeout");
        }
        server.assertNextClosedWithoutFailure();
        assertEquals(1, server.server.counters().idleClosed());
    }

    @Test
    void gracefulShutdownStopsAcceptingAndLetsAnOpenConnectionFinish() throws Exception {
        server = TestServer.start(TlsEngine.AUTO, b -> b.handler(EchoProtocol.everyLine()));
        int port = server.port();
        try (SSLSocket open = Clients.connect(Clients.trusting(TestServer.ROOT.certificate()), port, "localhost")) {
            BufferedReader in = new BufferedReader(new InputStreamReader(open.getInputStream(),
                    StandardCharsets.UTF_8));
            PrintWriter out = new PrintWriter(open.getOutputStream(), true, StandardCharsets.UTF_8);
            out.println("before");
            assertEquals("Received request: 'before'", in.readLine());
            CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(
                    () -> server.server.shutdown(Duration.ofSeconds(20)));
            assertConnectRefusedSoon(port);
            out.println("during");
            assertEquals("Received request: 'during'", in.readLine(), "the open connection is still served");
            open.close();
            assertTrue(shutdown.get(), "every connection finished by itself");
        }
    }

    /** A new connection is refused once the listener is closed (bounded wait for the shutdown to reach it). */
    private static void assertConnectRefusedSoon(int port) throws Exception {
        for (int attempt = 0; attempt < 200; attempt++) {
            try (Socket s = Clients.raw(port)) {
                s.getLocalPort();
            } catch (ConnectException refused) {
                return;
            } catch (java.net.SocketException reset) {
                // Connected into the backlog just as the listener closed: the kernel resets it. Also "not accepted".
                if (String.valueOf(reset.getMessage()).contains("reset")) {
                    return;
                }
                throw reset;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the server still accepts after shutdown began");
    }

    @Test
    void aPortInUseIsRefusedWithItsOwnProblemCode() throws Exception {
        server = TestServer.start(TlsEngine.AUTO);
        PfxkitException e = org.junit.jupiter.api.Assertions.assertThrows(PfxkitException.class,
                () -> TlsServer.builder().keyMaterial(TestServer.leafMaterial())
                        .bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), server.port())));
        assertEquals(Problem.PORT_IN_USE, e.problem());
        assertTrue(e.getMessage().startsWith("cannot listen on "), e.getMessage());
    }

    @Test
    void askingForOldProtocolsIsRefusedAtStartUp() {
        PfxkitException e = org.junit.jupiter.api.Assertions.assertThrows(PfxkitException.class,
                () -> TestServer.start(TlsEngine.AUTO, b -> b.protocols("ssl3", "tls1.1", "tls1.2")));
        assertEquals(Problem.INSECURE_PROTOCOL, e.problem());
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void aJdkClientRestrictedToTls1IsANoCommonProtocolEvent(TlsEngine engine) throws Exception {
        server = TestServer.start(engine);
        Path security = Files.writeString(dir.resolve("tls1.security"),
                "jdk.tls.disabledAlgorithms=SSLv3, RC4, DES, MD5withRSA, DH keySize < 1024, EC keySize < 224, "
                        + "3DES_EDE_CBC, anon, NULL\n");
        Process client = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.security.properties=" + security, "-cp", System.getProperty("java.class.path"),
                Tls1OnlyJdkClient.class.getName(), String.valueOf(server.port()))).redirectErrorStream(true).start();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, client.waitFor());
        int port = Integer.parseInt(output.lines().findFirst().orElseThrow().substring("port ".length()));
        assertTrue(output.contains("refused: "), output);
        FailureEvent event = server.nextEvent();
        assertEquals(FailureCode.NO_COMMON_PROTOCOL, event.code(), event::toString);
        assertEquals(port, event.remote().getPort());
        assertEquals(List.of("TLSv1"), event.offeredVersions());
        server.assertOnlyEventOfItsConnection(event);
        assertEquals("Received request: 'next'", Clients.exchange(server.port(), "next"));
    }
}

package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.pfxkit.server.FailureEvent.Phase;
import org.pfxkit.shared.testing.ExternalTool;

/**
 * The failures that need a real peer to provoke, on both engines: each ends in exactly one event with the code the
 * classification table gives. The same scenarios recorded the causes in FailureClassifierTest.
 */
class ClassificationScenarioTest {
    @TempDir
    Path dir;
    @AutoClose
    private TestServer server;
    /** The client that checks the server still serves after the fault (client-auth servers need a certificate). */
    private SSLContext nextClient = Clients.trusting(TestServer.ROOT.certificate());

    private FailureEvent expect(FailureCode code, Phase phase) throws Exception {
        FailureEvent event = server.nextEvent();
        assertEquals(code, event.code(), () -> "event: " + event + "\ncause: " + event.cause());
        assertEquals(phase, event.phase());
        for (Throwable t = event.cause(); t != null; t = t.getCause()) {
            String type = t.getClass().getName();
            assertTrue(!type.startsWith("io.netty."), () -> "a Netty type in the event's cause: " + type);
        }
        server.assertOnlyEventOfItsConnection(event);
        try (SSLSocket socket = Clients.connect(nextClient, server.port(), "localhost")) {
            assertEquals("Received request: 'next'", Clients.sendAndRead(socket, "next"), "the next client is served");
        }
        return event;
    }

    private void scenario(String name) {
        CauseRecorder.scenario = name;
    }

    /**
     * openssl s_client with extra options; its exit code is not the point, the server's event is. No input: it may
     * exit (refused) before input could be written, and -quiet keeps it connected after the end of its input.
     */
    private void openssl(String... options) throws IOException {
        Path ca = Files.writeString(dir.resolve("root.pem"), TestServer.ROOT.certificatePem());
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(),
                "-servername", "localhost", "-CAfile", ca.toString(), "-quiet"));
        command.addAll(List.of(options));
        ExternalTool.run(command, dir, null, Map.of(), 30);
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void aClientThatDistrustsOurCertificateIsPeerRejectedCertificate(TlsEngine engine) throws Exception {
        server = TestServer.start(engine);
        scenario("jdk client without our root");
        SSLContext distrusting = Clients.trusting(ClientAuthKeys.OTHER_ROOT.certificate());
        try (SSLSocket socket = Clients.connect(distrusting, server.port(), "localhost")) {
            socket.startHandshake();
        } catch (IOException expected) {
            // the client refuses our certificate: that is the scenario
        }
        expect(FailureCode.PEER_REJECTED_CERTIFICATE, Phase.HANDSHAKE);
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void opensslRefusingOurCertificateIsPeerRejectedCertificate(TlsEngine engine) throws Exception {
        ExternalTool.require("openssl");
        server = TestServer.start(engine);
        scenario("openssl -verify_return_error, unknown CA");
        Path other = Files.writeString(dir.resolve("other.pem"), ClientAuthKeys.OTHER_ROOT.certificatePem());
        List<String> command = List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(),
                "-servername", "localhost", "-CAfile", other.toString(), "-verify_return_error", "-quiet");
        ExternalTool.run(command, dir, null, Map.of(), 30);
        FailureEvent event = expect(FailureCode.PEER_REJECTED_CERTIFICATE, Phase.HANDSHAKE);
        // OpenSSL 3 sends this alert unencrypted under TLS 1.3: the engines cannot read it, the record watcher can.
        assertTrue(event.message().startsWith("the client sent the alert unknown_ca(48)"), event.message());
    }

    /** openssl s_client offering what our EC-keyed, TLS 1.2+ server cannot agree to. */
    static Stream<Arguments> opensslOffersWeCannotMeet() {
        List<Arguments> cases = List.of(
                Arguments.of("openssl -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256",
                        List.of("-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"), FailureCode.NO_COMMON_CIPHER),
                Arguments.of("openssl -tls1_3 -sigalgs rsa_pss_rsae_sha256",
                        List.of("-tls1_3", "-sigalgs", "rsa_pss_rsae_sha256"), FailureCode.NO_COMMON_CIPHER),
                Arguments.of("openssl -tls1", List.of("-tls1", "-cipher", "DEFAULT@SECLEVEL=0"),
                        FailureCode.NO_COMMON_PROTOCOL));
        return Stream.of(TlsEngine.OPENSSL, TlsEngine.JDK).flatMap(engine -> cases.stream()
                .map(c -> Arguments.of(engine, c.get()[0], c.get()[1], c.get()[2])));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("opensslOffersWeCannotMeet")
    void anOpensslOfferWeCannotMeetIsItsOneCode(TlsEngine engine, String name, List<String> options,
                                                FailureCode expected) throws Exception {
        ExternalTool.require("openssl");
        server = TestServer.start(engine);
        scenario(name);
        openssl(options.toArray(String[]::new));
        FailureEvent event = expect(expected, Phase.HANDSHAKE);
        if (expected == FailureCode.NO_COMMON_PROTOCOL) {
            assertEquals("TLSv1", event.offeredVersions().get(0));
        }
    }

    /** Clients of a server that requires certificates from the test root, each refused for its own reason. */
    enum RefusedClient {
        NO_CERTIFICATE("client auth: no certificate", FailureCode.CLIENT_CERT_MISSING),
        UNKNOWN_ROOT("client auth: unknown root", FailureCode.CLIENT_CERT_UNTRUSTED),
        EXPIRED("client auth: expired", FailureCode.CLIENT_CERT_EXPIRED);

        final String scenario;
        final FailureCode expected;

        RefusedClient(String scenario, FailureCode expected) {
            this.scenario = scenario;
            this.expected = expected;
        }

        SSLContext context() {
            return switch (this) {
                case NO_CERTIFICATE -> ClientAuthKeys.context(null);
                case UNKNOWN_ROOT -> ClientAuthKeys.context(ClientAuthKeys.UNTRUSTED, true);
                case EXPIRED -> ClientAuthKeys.context(ClientAuthKeys.EXPIRED, true);
            };
        }
    }

    static Stream<Arguments> refusedClientsOnBothEngines() {
        return Stream.of(TlsEngine.OPENSSL, TlsEngine.JDK)
                .flatMap(engine -> Arrays.stream(RefusedClient.values()).map(c -> Arguments.of(engine, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refusedClientsOnBothEngines")
    void aRefusedClientCertificateIsItsOneCode(TlsEngine engine, RefusedClient client) throws Exception {
        server = clientAuthServer(engine);
        scenario(client.scenario);
        tryClient(client.context());
        expect(client.expected, Phase.HANDSHAKE);
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void aTrustedClientCertificateIsServed(TlsEngine engine) throws Exception {
        server = clientAuthServer(engine);
        try (SSLSocket socket = Clients.connect(ClientAuthKeys.context(ClientAuthKeys.TRUSTED), server.port(),
                "localhost")) {
            assertEquals("Received request: 'with cert'", Clients.sendAndRead(socket, "with cert"));
        }
        server.assertNextClosedWithoutFailure();
    }

    private TestServer clientAuthServer(TlsEngine engine) throws Exception {
        nextClient = ClientAuthKeys.context(ClientAuthKeys.TRUSTED);
        return TestServer.start(engine, b -> b.requireClientCertificates(List.of(TestServer.ROOT.certificate())));
    }

    private void tryClient(SSLContext context) {
        try (SSLSocket socket = Clients.connect(context, server.port(), "localhost")) {
            Clients.sendAndRead(socket, "hello");
        } catch (IOException expected) {
            // the server refuses the client: that is the scenario
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void aResetRightAfterTheHandshakeIsPeerResetAfterHandshake(TlsEngine engine) throws Exception {
        server = TestServer.start(engine, b -> b.handler(() -> new LineHandler() {
            @Override
            public void onOpen(Connection connection) {
                connection.writeLine("hi");
            }

            @Override
            public void onLine(Connection connection, String line) {
                connection.writeLineAndClose(EchoProtocol.reply(line));
            }
        }));
        scenario("reset after handshake");
        Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.port());
        plain.setSoTimeout(20_000);
        SSLSocket socket = (SSLSocket) Clients.trusting(TestServer.ROOT.certificate()).getSocketFactory()
                .createSocket(plain, "localhost", server.port(), false);
        assertEquals("hi", new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8)).readLine());
        // Close the TCP connection under the TLS session, without close_notify: a reset.
        plain.setSoLinger(true, 0);
        plain.close();
        FailureEvent event = server.nextEvent();
        assertEquals(FailureCode.PEER_RESET_AFTER_HANDSHAKE, event.code(), () -> "event: " + event);
        assertEquals(Phase.AFTER_HANDSHAKE, event.phase());
        server.assertOnlyEventOfItsConnection(event);
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void garbageAfterTheHandshakeIsAProtocolErrorAfterTheHandshake(TlsEngine engine) throws Exception {
        server = TestServer.start(engine);
        scenario("garbage record after handshake");
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.port());
             SSLSocket socket = (SSLSocket) Clients.trusting(TestServer.ROOT.certificate()).getSocketFactory()
                     .createSocket(plain, "localhost", server.port(), false)) {
            plain.setSoTimeout(20_000);
            socket.startHandshake();
            OutputStream raw = plain.getOutputStream();
            raw.write(new byte[] {0x17, 0x03, 0x03, 0x00, 0x20});
            raw.write(new byte[0x20]);
            raw.flush();
            plain.getInputStream().read(new byte[1024]);
        } catch (IOException expected) {
            // the server answers the garbage with an alert and a close
        }
        expect(FailureCode.PROTOCOL_ERROR, Phase.AFTER_HANDSHAKE);
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void aMalformedHelloIsAProtocolError(TlsEngine engine) throws Exception {
        server = TestServer.start(engine);
        scenario("malformed hello");
        try (Socket socket = Clients.raw(server.port())) {
            // A complete handshake record whose ClientHello ends after its version: no random, no ciphers.
            socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x06, 0x01, 0x00, 0x00, 0x02,
                0x03, 0x03});
            socket.getInputStream().read(new byte[64]);
        } catch (IOException expected) {
            // reset after the alert
        }
        expect(FailureCode.PROTOCOL_ERROR, Phase.HANDSHAKE);
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void anSsl2HelloIsNoCommonProtocol(TlsEngine engine) throws Exception {
        server = TestServer.start(engine);
        scenario("SSLv2 hello");
        try (Socket socket = Clients.raw(server.port())) {
            // SSL 2.0 CLIENT-HELLO (RFC 6101 E.2): length 0x801e, type 1, version 0x0002, 3 ciphers, 16-byte challenge.
            byte[] hello = new byte[32];
            hello[0] = (byte) 0x80;
            hello[1] = 30;
            hello[2] = 1;
            hello[3] = 0;
            hello[4] = 2;
            hello[6] = 3;
            hello[10] = 16;
            hello[11] = 0x01;
            hello[12] = 0x00;
            hello[13] = (byte) 0x80;
            socket.getOutputStream().write(hello);
            socket.getInputStream().read(new byte[64]);
        } catch (IOException expected) {
            // reset after the alert
        }
        expect(FailureCode.NO_COMMON_PROTOCOL, Phase.HANDSHAKE);
    }
}

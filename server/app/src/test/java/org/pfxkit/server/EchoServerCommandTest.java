package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pfxkit.shared.testing.HelpText;
import org.pfxkit.shared.testing.TestPki;

import picocli.CommandLine;

/** The echo server command: what it prints at start-up, what it refuses, how it logs, and that it serves. */
class EchoServerCommandTest {
    private static final TestPki.Issued HUNTER = TestServer.ROOT.issue(TestPki.leaf("hunter.example.com")
            .serverAuth().sharedKey("server-leaf"));
    private static final TestPki.Issued EXPIRED = TestServer.ROOT.issue(TestPki.leaf("hunter-old.example.com")
            .expired().sharedKey("server-leaf"));

    @TempDir
    Path dir;

    /** A PFX written by the JDK's PKCS12 KeyStore, its password in cert.pwd beside it (the recipe's layout). */
    private Path pfx(String name, TestPki.Issued... withKeys) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] password = "s3cret".toCharArray();
        for (TestPki.Issued issued : withKeys) {
            ks.setKeyEntry(issued.certificate().getSubjectX500Principal().getName(), issued.privateKey(), password,
                    issued.chain().toArray(X509Certificate[]::new));
        }
        Path file = dir.resolve(name + ".pfx");
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password);
        }
        Files.writeString(dir.resolve(name + ".pwd"), "s3cret\n");
        return file;
    }

    private static String exchangeTrustingAnything(int port, String line) throws Exception {
        SSLContext context = Clients.trustingAnything();
        try (SSLSocket socket = Clients.connect(context, port, "localhost")) {
            return Clients.sendAndRead(socket, line);
        }
    }

    @Test
    void withNoKeyMaterialItServesTheEmbeddedSelfSignedCertificateAndSaysHowToConnect() throws Exception {
        try (RunningCommand server = new RunningCommand("--port", "0", "--bind", "127.0.0.1")) {
            int port = server.port();
            assertEquals("Received request: 'hello'", exchangeTrustingAnything(port, "hello"));
            String out = server.out();
            assertTrue(out.contains("certificate: O=pfxkit embedded default (self-signed),CN=localhost from the "
                    + "embedded default"), out);
            assertTrue(out.contains("listening on 127.0.0.1:" + port + "\n"), out);
            assertTrue(out.contains("connect with: openssl s_client -connect localhost:" + port), out);
            assertEquals(0, server.stop());
            assertTrue(server.out().contains("connections: 1 accepted, 1 handshake completed,"), server.out());
            assertTrue(server.out().contains("failures: none"), server.out());
        }
    }

    @Test
    void itSaysWhichCertificateTheSubjectSearchChoseAndWhy() throws Exception {
        Path store = pfx("cert", EXPIRED, HUNTER);
        try (RunningCommand server = new RunningCommand("--pfx", store.toString(), "--subject", "hunter.example",
                "--port", "0", "--bind", "127.0.0.1")) {
            int port = server.port();
            assertEquals("Received request: 'hi'", Clients.exchange(port, "hi"));
            String out = server.out();
            assertTrue(out.contains("certificate: CN=hunter.example.com from '" + store + "'"), out);
            assertTrue(out.contains("the subject substring 'hunter.example' returns #"), out);
            assertTrue(out.contains("'hunter.example.com' from '" + store + "'"), out);
        }
    }

    @Test
    void aSearchThatReturnsAnExpiredCertificateIsRefusedWithExitTwo() throws Exception {
        Path store = pfx("old", EXPIRED);
        RunningCommand.Result r = RunningCommand.run("--pfx", store.toString(), "--subject", "hunter", "--port", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("pfxkit-server: the subject substring 'hunter' returns #2 "
                + "'hunter-old.example.com' from '" + store + "', which expired on "), r.err());
    }

    /** The PFX holds the leaf and its root: Windows' order lists the root first, so the leaf is #2. */
    @Test
    void aSearchThatFindsNothingIsRefusedWithExitTwo() throws Exception {
        Path store = pfx("cert", HUNTER);
        RunningCommand.Result r = RunningCommand.run("--pfx", store.toString(), "--subject", "fox", "--port", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("pfxkit-server: no certificate in '" + store + "' matches the subject "
                + "substring 'fox' (2 certificates searched)\nhint: "), r.err());
    }

    @Test
    void aCertificateWithoutItsKeyIsRefusedWithExitTwo() throws Exception {
        Path certOnly = TestPki.writePem(dir.resolve("bundle.pem"), HUNTER.certificate());
        RunningCommand.Result r = RunningCommand.run("--pfx", certOnly.toString(), "--any", "--port", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("and its private key is not in the store: a server cannot use it"), r.err());
    }

    @Test
    void theRecipesOldProtocolsAreRefusedWithTheReason() {
        RunningCommand.Result r = RunningCommand.run("--protocols", "ssl3,tls1.1,tls1.2", "--port", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("pfxkit-server: refusing to offer SSLv3 and TLSv1.1: SSLv3 (RFC 7568), "
                + "TLS 1.0 and TLS 1.1 (RFC 8996) are deprecated as broken"), r.err());
        assertTrue(r.err().contains("hint: offer tls1.2 and tls1.3 (the default"), r.err());
    }

    @Test
    void pemKeyAndCertificateFilesAreServed() throws Exception {
        Path key = Files.writeString(dir.resolve("private.pem"), TestServer.LEAF.privateKeyPem());
        Path cert = TestPki.writePem(dir.resolve("public.pem"), TestServer.LEAF.certificate(),
                TestServer.ROOT.certificate());
        try (RunningCommand server = new RunningCommand("--key", key.toString(), "--cert", cert.toString(),
                "--port", "0", "--bind", "127.0.0.1", "--engine", "jdk")) {
            assertEquals("Received request: 'pem'", Clients.exchange(server.port(), "pem"));
            assertTrue(server.out().contains("certificate: CN=localhost from '" + key + "' and '" + cert + "'"),
                    server.out());
            assertTrue(server.out().contains("engine: JDK JSSE"), server.out());
        }
    }

    @Test
    void failuresAreLoggedAsOneJsonObjectPerLineAndCountedAtShutdown() throws Exception {
        // One I/O thread, so one listening socket: with one per thread (SO_REUSEPORT), the two connections could
        // land on different ones and be accepted in either order.
        try (RunningCommand server = new RunningCommand("--port", "0", "--bind", "127.0.0.1", "--log-format", "json",
                "--echo-all", "--io-threads", "1")) {
            int port = server.port();
            // The quiet one first: connections are accepted in order, so once the HTTP reply has arrived the quiet
            // one has been accepted and shutdown waits for it. Made last, it could still sit in the kernel's accept
            // queue when the listener closes, and the kernel resets it unseen.
            try (Socket quiet = Clients.raw(port)) {
                quiet.getLocalPort();
            }
            try (Socket socket = Clients.raw(port)) {
                socket.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.getInputStream().readAllBytes();
            }
            assertEquals(0, server.stop());
            List<String> lines = server.err().lines().toList();
            assertEquals(1, lines.size(), server.err());
            String line = lines.get(0);
            assertTrue(line.startsWith("{\"schemaVersion\":1,\"type\":\"failure\""), line);
            assertTrue(line.contains("\"connectionId\":2,\"code\":\"NOT_TLS_HTTP\",\"phase\":\"HANDSHAKE\""), line);
            String counters = server.out().lines().filter(l -> l.contains("\"type\":\"counters\"")).findFirst()
                    .orElseThrow();
            assertTrue(counters.contains("\"failures\":{\"CONNECT_CLOSE_NO_HELLO\":1,\"NOT_TLS_HTTP\":1}"), counters);
        }
    }

    @Test
    void bashCompletionOffersTheValuesInLowerCaseAsHelpAndDocsWriteThem() {
        String script = picocli.AutoComplete.bash("pfxkit-server",
                EchoServerCommand.commandLine(new EchoServerCommand()));
        assertTrue(script.contains("(\"auto\" \"openssl\" \"jdk\")"), script);
        assertTrue(script.contains("(\"text\" \"json\")"), script);
        assertTrue(script.contains("(\"intermediate\" \"modern\")"), script);
        assertFalse(script.contains("\"AUTO\""), script);
    }

    @Test
    void helpBreaksNoFileNameAtItsDotAtAnyTerminalWidth() {
        HelpText.assertNoWordBrokenAtADot(width -> {
            CommandLine cl = EchoServerCommand.commandLine(new EchoServerCommand());
            cl.setUsageHelpAutoWidth(false);
            cl.setUsageHelpWidth(width);
            return cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
        });
    }

    @Test
    void theHelpShowsReusePortAndProxyProtocolWithExamples() {
        RunningCommand.Result r = RunningCommand.run("--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("--reuse-port"), r.out());
        assertTrue(r.out().contains("--proxy-protocol"), r.out());
        assertTrue(r.out().contains("\n  pfxkit-server --pfx cert.pfx --subject hunter --reuse-port\n"), r.out());
        assertTrue(r.out().contains("\n  pfxkit-server --pfx cert.pfx --bind 10.0.0.5 --proxy-protocol\n"), r.out());
    }

    @Test
    void theHelpKeepsExamplesIndentedNamesThePortLikeTheOtherValuesAndListsOnlyTheServersExitCodes() {
        RunningCommand.Result r = RunningCommand.run("--help");
        assertEquals(0, r.exitCode());
        String examples = r.out().substring(r.out().indexOf("Examples:"));
        for (String line : examples.lines().skip(1).toList()) {
            assertTrue(line.isEmpty() || line.startsWith("  "), "an example line wrapped to column 0: " + line);
        }
        assertTrue(r.out().contains("--port=PORT"), r.out());
        assertFalse(r.out().contains("<port>"), r.out());
        assertFalse(r.out().contains("finders only"), r.out());
        assertTrue(r.out().contains("bad usage or bad input"), r.out());
    }

    @ParameterizedTest(name = "--port {0}")
    @ValueSource(strings = {"99999", "-1", "65536"})
    void aPortOutsideTheTcpRangeIsABadUsage(String port) {
        RunningCommand.Result r = RunningCommand.run("--port", port, "--bind", "127.0.0.1");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--port must be between 0 and 65535, not " + port), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
    }

    @ParameterizedTest(name = "--bind {0}")
    @CsvSource({"0.0.0.0, 0.0.0.0:", "127.0.0.1, 127.0.0.1:", "::, [::]:"})
    void theListeningLineWritesTheAddressAsPeopleDo(String bind, String expected) throws Exception {
        try (RunningCommand server = new RunningCommand("--port", "0", "--bind", bind)) {
            int port = server.port();
            assertTrue(server.out().contains("\nlistening on " + expected + port + "\n"), server.out());
        }
    }

    @Test
    void keyAndCertificateGivenTheOtherWayRoundAreNamedByWhereEachWasFound() throws Exception {
        Path key = Files.writeString(dir.resolve("private.pem"), TestServer.LEAF.privateKeyPem());
        Path cert = TestPki.writePem(dir.resolve("public.pem"), TestServer.LEAF.certificate());
        try (RunningCommand server = new RunningCommand("--key", cert.toString(), "--cert", key.toString(),
                "--port", "0", "--bind", "127.0.0.1", "--engine", "jdk")) {
            server.port();
            assertFalse(server.out().contains("the certificate in '" + key + "'"), server.out());
            assertTrue(server.out().contains("the certificate in '" + cert + "' whose public key matches the private "
                    + "key in '" + key + "'"), server.out());
        }
    }

    @Test
    void aStoreWithAPasswordAndNoneGivenWithoutATerminalIsThePasswordRequiredFailure() throws Exception {
        Path store = pfx("locked", HUNTER);
        Files.delete(dir.resolve("locked.pwd"));
        RunningCommand.Result r = RunningCommand.run("--pfx", store.toString(), "--port", "0", "--bind", "127.0.0.1");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("pfxkit-server: cannot open store '" + store + "': a password is needed, none "
                + "was given, and there is no terminal to ask for it\n"), r.err());
        assertFalse(r.err().contains("empty password from"), r.err());
    }

    @Test
    void anEncryptedKeyWithoutAPassphraseAndNoTerminalIsThePasswordRequiredFailure() throws Exception {
        Path key = encryptedPem(dir.resolve("private.pem"), TestServer.LEAF.privateKey(), "s3cret");
        Path cert = TestPki.writePem(dir.resolve("public.pem"), TestServer.LEAF.certificate());
        RunningCommand.Result r = RunningCommand.run("--key", key.toString(), "--cert", cert.toString(),
                "--port", "0", "--bind", "127.0.0.1");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("pfxkit-server: cannot open the encrypted private key in '" + key + "': a "
                + "password is needed, none was given, and there is no terminal to ask for it\n"), r.err());
    }

    @Test
    void withProxyProtocolTheLogNamesTheClientTheHeaderNames() throws Exception {
        // One I/O thread: the ids below are in accept order, which one listening socket keeps (see above).
        try (RunningCommand server = new RunningCommand("--port", "0", "--bind", "127.0.0.1", "--proxy-protocol",
                "--io-threads", "1")) {
            int port = server.port();
            assertTrue(server.out().contains("expecting a PROXY protocol header (v1 or v2)"), server.out());
            byte[] hello = Clients.jdkClientHello("localhost");
            try (Socket socket = Clients.raw(port)) {
                OutputStream out = socket.getOutputStream();
                out.write("PROXY TCP4 192.0.2.7 198.51.100.1 49144 443\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write(java.util.Arrays.copyOf(hello, hello.length / 2));
            }
            int direct;
            try (Socket socket = Clients.raw(port)) {
                direct = socket.getLocalPort();
                socket.getOutputStream().write(hello);
                socket.getInputStream().read();
            } catch (java.net.SocketException reset) {
                direct = -1; // the server closed with our hello unread; its event still names our port
            }
            assertEquals(0, server.stop());
            String err = server.err();
            assertEquals(2, err.lines().count(), err);
            assertTrue(err.contains(" failure HANDSHAKE_EOF conn=1 from 192.0.2.7:49144 after "), err);
            assertTrue(err.contains(" failure PROXY_HEADER_INVALID conn=2 from 127.0.0.1:"
                    + (direct > 0 ? direct + " " : "")), err);
            assertTrue(server.out().contains("HANDSHAKE_EOF=1 PROXY_HEADER_INVALID=1"), server.out());
        }
    }

    @Test
    void twoServersStartedWithReusePortListenOnOnePort() throws Exception {
        try (RunningCommand first = new RunningCommand("--port", "0", "--bind", "127.0.0.1", "--reuse-port")) {
            int port = first.port();
            try (RunningCommand second = new RunningCommand("--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--reuse-port")) {
                assertEquals(port, second.port());
                assertTrue(second.out().contains("port shared (SO_REUSEPORT)"), second.out());
                assertEquals("Received request: 'shared'", exchangeTrustingAnything(port, "shared"));
                assertEquals(0, second.stop());
            }
            assertEquals("Received request: 'still'", exchangeTrustingAnything(port, "still"),
                    "the first goes on serving the port alone");
        }
    }

    private static Path encryptedPem(Path file, PrivateKey key, String passphrase) throws Exception {
        OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider()).setPassword(passphrase.toCharArray()).build();
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, encryptor));
        }
        return Files.writeString(file, text.toString());
    }
}

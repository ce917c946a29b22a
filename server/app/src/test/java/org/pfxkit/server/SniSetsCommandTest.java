package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.shared.testing.ExternalTool;
import org.pfxkit.shared.testing.TestPki;

/**
 * pfxkit-server with several certificate sets chosen by SNI, and with client certificates, checked with openssl
 * s_client: the served subject per -servername, and -cert/-key accepted or refused.
 */
class SniSetsCommandTest {
    private static final TestPki.Issued DEFAULT = TestServer.ROOT.issue(TestPki.leaf("default.test")
            .dns("default.test").serverAuth().sharedKey("server-leaf"));
    private static final TestPki.Issued WILDCARD = TestServer.ROOT.issue(TestPki.leaf("wildcard.example.test")
            .dns("*.example.test").serverAuth().sharedKey("server-leaf"));
    private static final TestPki.Issued OTHER = TestServer.ROOT.issue(TestPki.leaf("api.other.test")
            .dns("api.other.test", "default.test").serverAuth().sharedKey("server-leaf"));

    @TempDir
    Path dir;

    private Path pfx(String name, TestPki.Issued issued) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        // The leaf alone: with the root in the store, Windows' order (and so --any) would return the root first.
        store.setKeyEntry("server", issued.privateKey(), "pw".toCharArray(), new Certificate[] {issued.certificate()});
        Path file = dir.resolve(name + ".pfx");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "pw".toCharArray());
        }
        Files.writeString(dir.resolve(name + ".pwd"), "pw\n");
        return file;
    }

    private List<String> pemSet(String name, TestPki.Issued issued) {
        return List.of("--key", TestPki.writePem(dir.resolve(name + ".key"), issued.privateKey()).toString(),
                "--cert", TestPki.writePem(dir.resolve(name + ".crt"), issued.certificate()).toString());
    }

    /** s_client sends one line and reads until the server closes; its whole output. */
    private static String sClient(int port, String... extra) {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-ign_eof"));
        command.addAll(List.of(extra));
        ExternalTool.Result r = ExternalTool.run(command, null, "hello\n", Map.of(), 30);
        return r.stdout() + r.stderr();
    }

    /** The served certificate's subject as s_client prints it, spaces removed ("subject=CN=default.test"). */
    private static String servedSubject(int port, String... extra) {
        String output = sClient(port, extra);
        assertTrue(output.contains("Received request: 'hello'"), output);
        return output.lines().filter(l -> l.startsWith("subject=")).findFirst().orElse(output).replace(" ", "");
    }

    private static void awaitErr(RunningCommand server, Predicate<String> line) throws InterruptedException {
        for (int i = 0; i < 400 && server.err().lines().noneMatch(line); i++) {
            Thread.sleep(50); // a bound of 20 s on a line that comes once the connection closes, not a timing check
        }
        assertTrue(server.err().lines().anyMatch(line), server::err);
    }

    @Test
    void eachSetIsServedForTheNamesOfItsCertificateAndTheFirstIsTheDefault() throws Exception {
        ExternalTool.require("openssl");
        List<String> args = new ArrayList<>(List.of("--pfx", pfx("default", DEFAULT).toString(), "--port", "0",
                "--bind", "127.0.0.1"));
        args.addAll(pemSet("wildcard", WILDCARD));
        args.addAll(pemSet("other", OTHER));
        try (RunningCommand server = new RunningCommand(args.toArray(String[]::new))) {
            int port = server.port();
            assertTrue(server.out().contains("certificate for SNI *.example.test: CN=wildcard.example.test"),
                    server.out());
            assertEquals("subject=CN=wildcard.example.test", servedSubject(port, "-servername", "a.example.test"));
            // One label only (RFC 6125 section 6.4.3): b.a.example.test is not covered, and gets the default.
            assertEquals("subject=CN=default.test", servedSubject(port, "-servername", "b.a.example.test"));
            assertEquals("subject=CN=api.other.test", servedSubject(port, "-servername", "API.other.test"));
            // default.test is in OTHER's SAN too, but the default set named it first.
            assertEquals("subject=CN=default.test", servedSubject(port, "-servername", "default.test"));
            assertEquals("subject=CN=default.test", servedSubject(port, "-servername", "unknown.test"));
            assertEquals("subject=CN=default.test", servedSubject(port, "-noservername"));
            assertEquals(0, server.stop());
        }
    }

    @Test
    void aSetWithNoNameOfItsOwnIsRefusedAtStartUp() throws Exception {
        List<String> args = new ArrayList<>(List.of("--pfx", pfx("default", DEFAULT).toString(), "--port", "0"));
        args.addAll(pemSet("again", DEFAULT));
        RunningCommand.Result r = RunningCommand.run(args.toArray(String[]::new));
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("serves only names an earlier set already serves (default.test)"), r.err());
    }

    private List<String> clientAuthServer(String mode) throws Exception {
        Path ca = TestPki.writePem(dir.resolve("clients-ca.pem"), TestServer.ROOT.certificate());
        List<String> args = new ArrayList<>(pemSet("server", TestServer.LEAF));
        args.addAll(List.of("--client-ca", ca.toString(), "--client-auth", mode, "--log-connections",
                "--port", "0", "--bind", "127.0.0.1"));
        return args;
    }

    private List<String> clientCertificate(TestPki.Issued client) {
        return List.of("-cert", TestPki.writePem(dir.resolve(client.certificate().getSerialNumber() + ".crt"),
                        client.certificate()).toString(),
                "-key", TestPki.writePem(dir.resolve(client.certificate().getSerialNumber() + ".key"),
                        client.privateKey()).toString());
    }

    @Test
    void requiredClientCertificatesAreCheckedAndTheSubjectIsLogged() throws Exception {
        ExternalTool.require("openssl");
        try (RunningCommand server = new RunningCommand(clientAuthServer("required").toArray(String[]::new))) {
            int port = server.port();
            assertTrue(server.out().contains("client certificates required"), server.out());
            List<String> withCert = new ArrayList<>(List.of("-servername", "localhost"));
            withCert.addAll(clientCertificate(ClientAuthKeys.TRUSTED));
            String ok = sClient(port, withCert.toArray(String[]::new));
            assertTrue(ok.contains("Received request: 'hello'"), ok);
            awaitErr(server, l -> l.contains(" connection ") && l.contains("client=\"CN=client-ok\"")
                    && l.endsWith(" ok"));

            String refused = sClient(port, "-servername", "localhost");
            assertFalse(refused.contains("Received request"), refused);
            awaitErr(server, l -> l.contains(" failure CLIENT_CERT_MISSING "));

            List<String> untrusted = new ArrayList<>(List.of("-servername", "localhost"));
            untrusted.addAll(clientCertificate(ClientAuthKeys.UNTRUSTED));
            assertFalse(sClient(port, untrusted.toArray(String[]::new)).contains("Received request"));
            awaitErr(server, l -> l.contains(" failure CLIENT_CERT_UNTRUSTED "));
            assertEquals(0, server.stop());
        }
    }

    @Test
    void optionalClientCertificatesLetAClientWithoutOneIn() throws Exception {
        ExternalTool.require("openssl");
        try (RunningCommand server = new RunningCommand(clientAuthServer("optional").toArray(String[]::new))) {
            int port = server.port();
            String ok = sClient(port, "-servername", "localhost");
            assertTrue(ok.contains("Received request: 'hello'"), ok);
            awaitErr(server, l -> l.contains(" connection ") && l.endsWith(" ok"));
            assertFalse(server.err().contains("client="), server.err());
            List<String> withCert = new ArrayList<>(List.of("-servername", "localhost"));
            withCert.addAll(clientCertificate(ClientAuthKeys.TRUSTED));
            assertTrue(sClient(port, withCert.toArray(String[]::new)).contains("Received request: 'hello'"));
            awaitErr(server, l -> l.contains("client=\"CN=client-ok\""));
            assertEquals(0, server.stop());
        }
    }

    @Test
    void clientAuthWithoutClientCaIsRefused() {
        RunningCommand.Result r = RunningCommand.run("--client-auth", "optional", "--port", "0");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--client-auth needs --client-ca"), r.err());
    }
}

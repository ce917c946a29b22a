package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509KeyManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.testing.TestPki;

/** KeySource + CertificateSelector for any Java TLS code: the JDK's own SSLServerSocket serves the chosen certificate. */
class JdkTlsTest {
    @TempDir
    Path dir;

    @Test
    void pemFilesServeAJdkServerSocketAndTheClientSeesTheChain() throws Exception {
        Path key = TestPki.writePem(dir.resolve("key.pem"), TestServer.LEAF.privateKey());
        Path cert = TestPki.writePem(dir.resolve("cert.pem"), TestServer.LEAF.certificate());
        KeySource source = KeySource.pem(key, cert, null);
        try (SSLServerSocket listener = (SSLServerSocket) source.sslContext(null).getServerSocketFactory()
                .createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    String line = new BufferedReader(new InputStreamReader(accepted.getInputStream(),
                            StandardCharsets.US_ASCII)).readLine();
                    accepted.getOutputStream().write(("got " + line + "\n").getBytes(StandardCharsets.US_ASCII));
                    return line;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket client = Clients.connect(Clients.trusting(TestServer.ROOT.certificate()),
                    listener.getLocalPort(), "localhost")) {
                assertEquals("got hello", Clients.sendAndRead(client, "hello"));
                assertEquals(TestServer.LEAF.certificate(), client.getSession().getPeerCertificates()[0]);
            }
            assertEquals("hello", served.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aKeystoreSearchChoosesTheKeyManagersCertificate() throws Exception {
        TestPki.Issued other = TestServer.ROOT.issue(TestPki.leaf("other").dns("other.example").serverAuth());
        char[] password = "jdk-tls".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("a", other.privateKey(), password, other.chain().toArray(Certificate[]::new));
        store.setKeyEntry("b", TestServer.LEAF.privateKey(), password,
                TestServer.LEAF.chain().toArray(Certificate[]::new));
        Path pfx = dir.resolve("two.pfx");
        try (OutputStream out = Files.newOutputStream(pfx)) {
            store.store(out, password);
        }
        X509KeyManager manager = KeySource.store(pfx, PasswordSource.of(password.clone()))
                .keyManager(CertificateSelector.subjectSubstring("localhost"));
        String alias = manager.chooseServerAlias("EC", null, null);
        assertNotNull(alias, "an EC key for a server");
        X509Certificate[] chain = manager.getCertificateChain(alias);
        assertArrayEquals(TestServer.LEAF.chain().toArray(X509Certificate[]::new), chain);
        assertEquals(TestServer.LEAF.privateKey(), manager.getPrivateKey(alias));
    }
}

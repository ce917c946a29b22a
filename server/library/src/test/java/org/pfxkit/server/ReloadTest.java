package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.testing.TestPki;

/**
 * A certificate renewed under a running server: the file replaced by a rename, as pfxconvert writes it, is picked up
 * by the watcher; a file that cannot serve keeps the old certificate and is reported once with its reason.
 */
class ReloadTest {
    private static final char[] PASSWORD = "reload-pw".toCharArray();

    @TempDir
    Path dir;

    @AutoClose
    private TestServer server;
    private final BlockingQueue<ReloadEvent> reloads = new LinkedBlockingQueue<>();

    private static TestPki.Issued renewed() {
        return TestServer.ROOT.issue(TestPki.leaf("localhost").dns("localhost").serverAuth().sharedKey("server-leaf"));
    }

    /** Writes a PFX to a temporary file in the same folder and renames it over {@code pfx}. */
    private static void replace(Path pfx, TestPki.Issued issued) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", issued.privateKey(), PASSWORD, issued.chain().toArray(Certificate[]::new));
        Path temp = pfx.resolveSibling(pfx.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            store.store(out, PASSWORD);
        }
        Files.move(temp, pfx, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void replace(Path pfx, byte[] content) throws Exception {
        Path temp = pfx.resolveSibling(pfx.getFileName() + ".tmp");
        Files.write(temp, content);
        Files.move(temp, pfx, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private void start(TlsEngine engine, Path pfx) throws Exception {
        server = TestServer.startWithout(engine, b -> b
                .keyMaterial(KeySource.store(pfx, PasswordSource.of(PASSWORD.clone())))
                .select(CertificateSelector.subjectSubstring("localhost"))
                .watchKeyFiles(true)
                .onReload(reloads::add));
    }

    private ReloadEvent nextReload() throws InterruptedException {
        ReloadEvent event = reloads.poll(20, TimeUnit.SECONDS);
        assertNotNull(event, "no reload was reported");
        return event;
    }

    private static BigInteger servedSerial(SSLContext trust, int port) throws Exception {
        try (SSLSocket socket = Clients.connect(trust, port, "localhost")) {
            assertEquals("Received request: 'serial'", Clients.sendAndRead(socket, "serial"));
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void aRenewedPfxIsServedWhileClientsKeepConnectingWithoutAFailedHandshake(TlsEngine engine) throws Exception {
        TestPki.Issued first = renewed();
        TestPki.Issued second = renewed();
        Path pfx = dir.resolve("server.pfx");
        replace(pfx, first);
        start(engine, pfx);
        SSLContext trust = Clients.trusting(TestServer.ROOT.certificate());
        int port = server.port();
        assertEquals(first.certificate().getSerialNumber(), servedSerial(trust, port));

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<BigInteger> lastSeen = new AtomicReference<>();
        List<Throwable> clientFailures = new ArrayList<>();
        AtomicInteger served = new AtomicInteger();
        Thread clients = Thread.ofPlatform().name("reload-clients").start(() -> {
            while (running.get()) {
                try {
                    lastSeen.set(servedSerial(trust, port));
                    served.incrementAndGet();
                } catch (Throwable t) {
                    synchronized (clientFailures) {
                        clientFailures.add(t);
                    }
                }
            }
        });
        try {
            replace(pfx, second);
            ReloadEvent event = nextReload();
            assertTrue(event.succeeded(), event::toString);
            assertEquals("file change", event.trigger());
            assertEquals(second.certificate(), event.served().material().leaf());
            assertEquals(second.certificate(), server.server.certificate().material().leaf());
            // The loop's connections reach the new serial: bounded by 20 s, not timed.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!second.certificate().getSerialNumber().equals(lastSeen.get()) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(second.certificate().getSerialNumber(), lastSeen.get(), "the client loop sees the new serial");
        } finally {
            running.set(false);
            clients.join();
        }
        assertEquals(List.of(), clientFailures, "no client connection failed across the reload");
        assertTrue(served.get() > 0);
        // Every connection has closed once the server counts none open; then its failure events are all delivered.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.server.counters().active() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, server.server.counters().active());
        assertEquals(List.of(), server.deliveredEvents(), "no failure event on the server");
        assertEquals(second.certificate().getSerialNumber(), servedSerial(trust, port));
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void aBrokenOrExpiredFileKeepsTheOldCertificateAndIsReportedOnceThenAGoodOneIsTaken(TlsEngine engine)
            throws Exception {
        TestPki.Issued first = renewed();
        Path pfx = dir.resolve("server.pfx");
        replace(pfx, first);
        start(engine, pfx);
        SSLContext trust = Clients.trusting(TestServer.ROOT.certificate());
        BigInteger firstSerial = first.certificate().getSerialNumber();

        replace(pfx, "not a keystore\n".getBytes(StandardCharsets.US_ASCII));
        ReloadEvent broken = nextReload();
        assertFalse(broken.succeeded());
        assertEquals(first.certificate(), broken.served().material().leaf(), "the old certificate is kept");
        assertTrue(broken.failure().contains("server.pfx"), broken.failure());
        assertEquals(firstSerial, servedSerial(trust, server.port()));

        TestPki.Issued expired = TestServer.ROOT.issue(TestPki.leaf("localhost").dns("localhost").serverAuth()
                .sharedKey("server-leaf").expired());
        replace(pfx, expired);
        ReloadEvent tooOld = nextReload();
        assertFalse(tooOld.succeeded());
        assertTrue(tooOld.failure().contains("expired"), tooOld.failure());
        assertEquals(firstSerial, servedSerial(trust, server.port()));

        TestPki.Issued good = renewed();
        replace(pfx, good);
        ReloadEvent taken = nextReload();
        assertTrue(taken.succeeded(), taken::toString);
        assertEquals(good.certificate().getSerialNumber(), servedSerial(trust, server.port()));
        // Reloads run one at a time on the watcher's thread: once the good one is reported, every earlier one has
        // been, so these are all the reports there were.
        assertEquals(List.of(), List.copyOf(reloads), "one report per change");
        assertEquals(List.of(), server.deliveredEvents());
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void reloadReadsThePemFilesAgainAndRefusesAKeyThatDoesNotMatch(TlsEngine engine) throws Exception {
        TestPki.Issued first = renewed();
        Path key = TestPki.writePem(dir.resolve("key.pem"), first.privateKey());
        Path cert = TestPki.writePem(dir.resolve("cert.pem"), first.certificate());
        server = TestServer.startWithout(engine, b -> b.keyMaterial(KeySource.pem(key, cert, null))
                .onReload(reloads::add));
        TestPki.Issued otherKey = TestServer.ROOT.issue(TestPki.leaf("localhost").dns("localhost").serverAuth());
        TestPki.writePem(cert, otherKey.certificate());
        ReloadEvent mismatch = server.server.reload();
        assertFalse(mismatch.succeeded());
        assertEquals(first.certificate(), mismatch.served().material().leaf());
        SSLContext trust = Clients.trusting(TestServer.ROOT.certificate());
        assertEquals(first.certificate().getSerialNumber(), servedSerial(trust, server.port()));

        TestPki.Issued second = renewed();
        TestPki.writePem(cert, second.certificate());
        ReloadEvent taken = server.server.reload();
        assertTrue(taken.succeeded(), taken::toString);
        assertEquals("reload()", taken.trigger());
        assertEquals(second.certificate().getSerialNumber(), servedSerial(trust, server.port()));
        assertEquals(List.of(mismatch, taken), List.copyOf(reloads));
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void aConnectionOpenAcrossAReloadKeepsItsHandshakeAndIsServed(TlsEngine engine) throws Exception {
        server = TestServer.start(engine, b -> b.onReload(reloads::add));
        SSLContext trust = Clients.trusting(TestServer.ROOT.certificate());
        try (SSLSocket open = Clients.connect(trust, server.port(), "localhost")) {
            open.startHandshake();
            // Twice: the context the open connection's engine came from is released by the first swap, and the
            // second proves nothing still reads it; with BoringSSL a freed context would crash or fail the write.
            assertTrue(server.server.reload().succeeded());
            assertTrue(server.server.reload().succeeded());
            assertEquals("Received request: 'still here'", Clients.sendAndRead(open, "still here"));
        }
        server.assertNextClosedWithoutFailure();
        assertEquals(TestServer.LEAF.certificate().getSerialNumber(), servedSerial(trust, server.port()));
        server.assertNextClosedWithoutFailure();
        assertEquals(2, reloads.size());
    }

    /** A certificate for SNI name api.example.test, issued for the same key each time (only the cert file changes). */
    private static TestPki.Issued sniLeaf() {
        return TestServer.ROOT.issue(TestPki.leaf("api").dns("api.example.test").serverAuth().sharedKey("sni-leaf"));
    }

    private static BigInteger servedSerial(SSLContext trust, int port, String sni) throws Exception {
        try (SSLSocket socket = Clients.connect(trust, port, sni)) {
            assertEquals("Received request: 'serial'", Clients.sendAndRead(socket, "serial"));
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void anSniSetIsWatchedAndRenewedAndABrokenOneKeepsEveryOldCertificate(TlsEngine engine) throws Exception {
        TestPki.Issued defaultLeaf = renewed();
        Path key = TestPki.writePem(dir.resolve("key.pem"), defaultLeaf.privateKey());
        Path cert = TestPki.writePem(dir.resolve("cert.pem"), defaultLeaf.certificate());
        Path sniDir = Files.createDirectories(dir.resolve("api"));
        TestPki.Issued firstSni = sniLeaf();
        Path sniKey = TestPki.writePem(sniDir.resolve("key.pem"), firstSni.privateKey());
        Path sniCert = TestPki.writePem(sniDir.resolve("cert.pem"), firstSni.certificate());
        server = TestServer.startWithout(engine, b -> b.keyMaterial(KeySource.pem(key, cert, null))
                .sniKeyMaterial(KeySource.pem(sniKey, sniCert, null), null)
                .watchKeyFiles(true)
                .onReload(reloads::add));
        SSLContext trust = Clients.trusting(TestServer.ROOT.certificate());
        assertEquals(firstSni.certificate().getSerialNumber(), servedSerial(trust, server.port(), "api.example.test"));
        assertEquals(firstSni.certificate(),
                server.server.sniCertificates().get("api.example.test").material().leaf());

        // Renewed in its own folder: the watcher sees it, and the name is served the new certificate.
        TestPki.Issued secondSni = sniLeaf();
        replace(sniCert, TestPki.pem(secondSni.certificate()).getBytes(StandardCharsets.US_ASCII));
        ReloadEvent renewal = nextReload();
        assertTrue(renewal.succeeded(), renewal::toString);
        assertEquals(secondSni.certificate().getSerialNumber(),
                servedSerial(trust, server.port(), "api.example.test"));
        // A fresh client for the other name: the JDK client would offer the api session to it (one cache per host).
        assertEquals(defaultLeaf.certificate().getSerialNumber(),
                servedSerial(Clients.trusting(TestServer.ROOT.certificate()), server.port(), "localhost"));

        // A broken SNI set: the reload is refused, naming the file, and both old certificates keep serving.
        Files.writeString(sniCert, "-----BEGIN CERTIFICATE-----\nnot base64\n");
        ReloadEvent broken = server.server.reload();
        assertFalse(broken.succeeded());
        assertTrue(broken.failure().contains("cert.pem"), broken.failure());
        assertEquals(secondSni.certificate().getSerialNumber(),
                servedSerial(Clients.trusting(TestServer.ROOT.certificate()), server.port(), "api.example.test"));
        assertEquals(defaultLeaf.certificate().getSerialNumber(),
                servedSerial(Clients.trusting(TestServer.ROOT.certificate()), server.port(), "localhost"));
        assertEquals(List.of(), server.deliveredEvents());
    }
}

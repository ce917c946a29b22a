package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.shared.testing.ExternalTool;
import org.pfxkit.shared.testing.TestPki;

/**
 * The echo server's reload: SIGHUP to the real process reads its PFX again (file watching off, so the signal is the
 * cause), and a changed --cert file is reported as one JSON line.
 */
class ReloadSignalTest {
    private static final String PASSWORD = "hup-pw";

    @TempDir
    Path dir;

    private ServerProcess server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void writePfx(Path pfx, TestPki.Issued issued) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", issued.privateKey(), PASSWORD.toCharArray(),
                issued.chain().toArray(Certificate[]::new));
        Path temp = pfx.resolveSibling("server.pfx.tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            store.store(out, PASSWORD.toCharArray());
        }
        Files.move(temp, pfx, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static TestPki.Issued leaf() {
        return TestServer.ROOT.issue(TestPki.leaf("localhost").dns("localhost").serverAuth().sharedKey("server-leaf"));
    }

    private static BigInteger servedSerial(int port) throws Exception {
        try (SSLSocket socket = Clients.connect(Clients.trusting(TestServer.ROOT.certificate()), port, "localhost")) {
            assertEquals("Received request: 'hup'", Clients.sendAndRead(socket, "hup"));
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    @Test
    void sighupServesTheRenewedCertificate() throws Exception {
        Path pfx = dir.resolve("server.pfx");
        Files.writeString(dir.resolve("server.pwd"), PASSWORD + "\n");
        TestPki.Issued first = leaf();
        writePfx(pfx, first);
        server = ServerProcess.start("--pfx", pfx.toString(), "--subject", "localhost", "--no-watch",
                "--port", "0", "--bind", "127.0.0.1");
        int port = server.port();
        assertEquals(first.certificate().getSerialNumber(), servedSerial(port));

        TestPki.Issued second = leaf();
        writePfx(pfx, second);
        ExternalTool.run("kill", "-HUP", String.valueOf(server.pid())).assertSuccess();
        String serialHex = second.certificate().getSerialNumber().toString(16);
        assertTrue(server.awaitErrLine(line -> line.contains(" reload ok (SIGHUP)") && line.contains(serialHex),
                Duration.ofSeconds(20)), server::err);
        assertEquals(second.certificate().getSerialNumber(), servedSerial(port));
    }

    @Test
    void startedUnderNohupItSaysThatSighupWillNotReload() throws Exception {
        TestPki.Issued first = leaf();
        Path pfx = dir.resolve("server.pfx");
        Files.writeString(dir.resolve("server.pwd"), PASSWORD + "\n");
        writePfx(pfx, first);
        server = ServerProcess.startUnder(List.of(ExternalTool.require("nohup")), "--pfx", pfx.toString(),
                "--subject", "localhost", "--port", "0", "--bind", "127.0.0.1");
        server.port();
        assertTrue(server.out().contains("SIGHUP is ignored (started under nohup?): kill -HUP will not reload the "
                + "certificate; changes to its files still do"), server::out);
    }

    @Test
    void aBrokenCertFileIsOneJsonLineAndTheNextGoodOneIsServed() throws Exception {
        TestPki.Issued first = leaf();
        Path key = TestPki.writePem(dir.resolve("key.pem"), first.privateKey());
        Path cert = TestPki.writePem(dir.resolve("cert.pem"), first.certificate());
        try (RunningCommand command = new RunningCommand("--key", key.toString(), "--cert", cert.toString(),
                "--log-format", "json", "--port", "0", "--bind", "127.0.0.1")) {
            int port = command.port();
            Path temp = TestPki.writePem(dir.resolve("cert.pem.new"), TestPki.rootCa("unrelated").certificate());
            Files.move(temp, cert, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            awaitErr(command, l -> l.contains("\"type\":\"reload\"") && l.contains("\"outcome\":\"failed\""));
            assertEquals(first.certificate().getSerialNumber(), servedSerial(port));

            TestPki.Issued second = leaf();
            temp = TestPki.writePem(dir.resolve("cert.pem.new"), second.certificate());
            Files.move(temp, cert, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            String serialHex = second.certificate().getSerialNumber().toString(16);
            awaitErr(command, l -> l.contains("\"outcome\":\"ok\"") && l.contains("\"serial\":\"" + serialHex));
            assertEquals(second.certificate().getSerialNumber(), servedSerial(port));
            assertEquals(0, command.stop());
            // Both reports have been printed (the good one after the broken one, on the one watcher thread).
            List<String> reloads = command.err().lines().filter(l -> l.contains("\"type\":\"reload\"")).toList();
            assertEquals(2, reloads.size(), command.err());
            String broken = reloads.get(0);
            assertTrue(broken.contains("\"reason\":\"") && broken.contains("\"trigger\":\"file change\""), broken);
        }
    }

    private static void awaitErr(RunningCommand command, Predicate<String> line) throws InterruptedException {
        for (int i = 0; i < 400 && command.err().lines().noneMatch(line); i++) {
            Thread.sleep(50); // a 20 s bound on a line that comes once, not a timing check
        }
        assertTrue(command.err().lines().anyMatch(line), command::err);
    }
}

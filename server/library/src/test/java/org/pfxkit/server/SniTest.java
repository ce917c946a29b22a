package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Socket;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pfxkit.shared.keys.KeyMaterial;
import org.pfxkit.shared.testing.TestPki;

/** Several certificates chosen per connection by the client's SNI name; no match: the default, or a failure event. */
class SniTest {
    private static final TestPki.Issued WILDCARD = TestServer.ROOT.issue(TestPki.leaf("wildcard.example.test")
            .dns("*.example.test").sharedKey("server-leaf"));
    private static final TestPki.Issued DEFAULT = TestServer.ROOT.issue(TestPki.leaf("default.test")
            .sharedKey("server-leaf"));

    @AutoClose
    private TestServer server;

    private static KeyMaterial material(TestPki.Issued issued) {
        return new KeyMaterial(issued.privateKey(), issued.chain());
    }

    private String servedSubject(String sni) throws Exception {
        try (SSLSocket socket = Clients.connect(Clients.trusting(TestServer.ROOT.certificate()), server.port(), sni)) {
            assertEquals("Received request: 'sni'", Clients.sendAndRead(socket, "sni"));
            X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            return leaf.getSubjectX500Principal().getName();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void theSniNameChoosesTheCertificateAndAnUnknownNameWithoutDefaultFails(TlsEngine engine) throws Exception {
        server = TestServer.startWithout(engine, b -> b
                .sniCertificate("localhost", TestServer.leafMaterial())
                .sniCertificate("*.example.test", material(WILDCARD)));
        assertEquals("CN=localhost", servedSubject("localhost"));
        assertEquals("CN=wildcard.example.test", servedSubject("api.EXAMPLE.test"));
        int port;
        try (Socket socket = Clients.raw(server.port())) {
            port = socket.getLocalPort();
            socket.getOutputStream().write(Clients.jdkClientHello("unknown.test"));
            socket.getInputStream().read();
        }
        FailureEvent event = server.nextEvent();
        assertEquals(FailureCode.NO_CERTIFICATE_FOR_SNI, event.code());
        assertEquals("unknown.test", event.sniName());
        assertEquals(port, event.remote().getPort());
        assertEquals(3, event.connectionId());
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void anUnknownSniNameGetsTheDefaultCertificateWhenThereIsOne(TlsEngine engine) throws Exception {
        server = TestServer.startWithout(engine, b -> b.keyMaterial(material(DEFAULT))
                .sniCertificate("localhost", TestServer.leafMaterial()));
        assertEquals("CN=default.test", servedSubject("unknown.test"));
        assertEquals("CN=localhost", servedSubject("localhost"));
    }
}

package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLException;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pfxkit.shared.keys.KeyMaterial;
import org.pfxkit.shared.testing.TestPki;

/**
 * A ClientHello split over several handshake records keeps its SNI name and offered versions (tlsfuzzer:
 * test-record-layer-fragmentation.py, test-large-hello.py): the certificate is chosen by name and an event names what
 * the client offered.
 */
class SplitHelloTest {
    private static final TestPki.Issued OTHER = TestServer.ROOT.issue(TestPki.leaf("other.example")
            .dns("other.example").serverAuth());
    @AutoClose
    private TestServer server;

    @ParameterizedTest
    @CsvSource({"OPENSSL,1", "OPENSSL,100", "JDK,1", "JDK,100"})
    void theSniCertificateIsChosenFromASplitHello(TlsEngine engine, int recordSize) throws Exception {
        server = TestServer.start(engine, b -> b.sniCertificate("other.example",
                new KeyMaterial(OTHER.privateKey(), OTHER.chain())));
        try (EngineClient client = EngineClient.connect(server.port(), "TLSv1.3", "other.example", recordSize)) {
            client.runHandshake();
            X509Certificate leaf = (X509Certificate) client.engine().getSession().getPeerCertificates()[0];
            assertEquals(OTHER.certificate(), leaf);
        }
    }

    @ParameterizedTest
    @CsvSource({"OPENSSL,1", "JDK,100"})
    void aSplitHelloForAnUnknownNameIsOneEventWithWhatItOffered(TlsEngine engine, int recordSize) throws Exception {
        server = TestServer.startWithout(engine, b -> b.sniCertificate("other.example",
                new KeyMaterial(OTHER.privateKey(), OTHER.chain())));
        try (EngineClient client = EngineClient.connect(server.port(), "TLSv1.3,TLSv1.2", "unknown.example",
                recordSize)) {
            assertThrows(SSLException.class, client::runHandshake);
        }
        FailureEvent event = Settled.oneEvent(server, FailureCode.NO_CERTIFICATE_FOR_SNI);
        assertEquals("unknown.example", event.sniName());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), event.offeredVersions());
    }
}

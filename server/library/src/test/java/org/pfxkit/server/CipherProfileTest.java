package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.pfxkit.shared.keys.KeyMaterial;
import org.pfxkit.shared.testing.TestPki;

/**
 * The cipher-suite profiles with an RSA certificate (where static RSA and CBC suites would otherwise be offered), on
 * both engines, asked by openssl s_client for one suite at a time (testssl's -e/-s checks in miniature).
 */
class CipherProfileTest {
    private static final TestPki.Issued RSA = TestServer.ROOT.issue(TestPki.leaf("localhost").dns("localhost")
            .serverAuth().keyType(TestPki.KeyType.RSA_2048).sharedKey("server-rsa"));
    @AutoClose
    private TestServer server;

    private void start(TlsEngine engine, TlsProfile profile) throws Exception {
        server = TestServer.startWithout(engine, b -> b.keyMaterial(new KeyMaterial(RSA.privateKey(), RSA.chain()))
                .tlsProfile(profile));
    }

    /** Static RSA key exchange (no forward secrecy) and CBC suites are refused by default: one NO_COMMON_CIPHER. */
    @ParameterizedTest
    @CsvSource({"OPENSSL,AES128-SHA", "JDK,AES128-SHA", "OPENSSL,AES128-GCM-SHA256", "JDK,AES128-GCM-SHA256",
        "OPENSSL,ECDHE-RSA-AES128-SHA", "JDK,ECDHE-RSA-AES256-SHA384"})
    void intermediateRefusesStaticRsaAndCbcSuites(TlsEngine engine, String suite) throws Exception {
        start(engine, TlsProfile.INTERMEDIATE);
        String output = OpensslClient.start(server.port(), "-tls1_2", "-cipher", suite).awaitExit();
        assertTrue(output.contains("fatal handshake_failure"), output);
        Settled.oneEvent(server, FailureCode.NO_COMMON_CIPHER);
    }

    @ParameterizedTest
    @CsvSource({"OPENSSL,ECDHE-RSA-AES128-GCM-SHA256", "JDK,ECDHE-RSA-AES256-GCM-SHA384",
        "OPENSSL,ECDHE-RSA-CHACHA20-POLY1305", "JDK,ECDHE-RSA-CHACHA20-POLY1305"})
    void intermediateServesEcdheAeadSuitesInTls12(TlsEngine engine, String suite) throws Exception {
        start(engine, TlsProfile.INTERMEDIATE);
        String output = OpensslClient.start(server.port(), "-tls1_2", "-cipher", suite).awaitHandshake()
                .send("hi\n").awaitExit();
        assertTrue(output.contains("Cipher is " + suite), output);
        assertEquals(0, Settled.events(server).size());
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void modernRefusesTls12(TlsEngine engine) throws Exception {
        start(engine, TlsProfile.MODERN);
        String output = OpensslClient.start(server.port(), "-tls1_2").awaitExit();
        assertTrue(output.contains("fatal protocol_version"), output);
        Settled.oneEvent(server, FailureCode.NO_COMMON_PROTOCOL);
    }
}

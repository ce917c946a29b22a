package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** pfxkit-server's --tls-profile: parsed, passed to the library, refused when it contradicts --protocols. */
class TlsProfileCommandTest {
    @Test
    void modernServesTls13AndRefusesTls12() throws Exception {
        try (RunningCommand server = new RunningCommand("--tls-profile", "modern", "--port", "0", "--bind",
                "127.0.0.1", "--engine", "jdk")) {
            int port = server.port();
            String tls12 = OpensslClient.start(port, "-tls1_2").awaitExit();
            assertTrue(tls12.contains("fatal protocol_version"), tls12);
            String tls13 = OpensslClient.start(port, "-tls1_3").awaitHandshake().send("hi\n").awaitExit();
            assertTrue(tls13.contains("Received request: 'hi'"), tls13);
            assertEquals(0, server.stop());
        }
    }

    @Test
    void modernWithOnlyTls12IsABadUsage() {
        RunningCommand.Result r = RunningCommand.run("--tls-profile", "modern", "--protocols", "tls1.2", "--port",
                "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("pfxkit-server: the modern TLS profile offers TLS 1.3 only"), r.err());
    }
}

package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pfxkit.shared.testing.ExternalTool;

/** The real process: SIGTERM and SIGINT stop it gracefully, it prints its counters and exits 0. */
class SignalShutdownTest {
    private ServerProcess server;

    @AfterEach
    void destroy() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalStopsTheServerGracefullyWithExitZeroAndItsCounters(String signal) throws Exception {
        server = ServerProcess.start("--port", "0", "--bind", "127.0.0.1");
        int port = server.port();
        assertEquals("Received request: 'bye'", exchange(port, "bye"));
        ExternalTool.run("kill", "-" + signal, String.valueOf(server.pid())).assertSuccess();
        assertEquals(0, server.awaitExit(Duration.ofSeconds(30)), server::err);
        String out = server.out();
        assertTrue(out.contains("connections: 1 accepted, 1 handshake completed,"), out);
    }

    private static String exchange(int port, String line) throws Exception {
        SSLContext context = Clients.trustingAnything();
        try (SSLSocket socket = Clients.connect(context, port, "localhost")) {
            return Clients.sendAndRead(socket, line);
        }
    }
}

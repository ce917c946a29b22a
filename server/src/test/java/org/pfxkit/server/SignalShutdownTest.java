package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pfxkit.shared.testing.ExternalTool;

/** The real process: SIGTERM and SIGINT stop it gracefully, it prints its counters and exits 0. */
class SignalShutdownTest {

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalStopsTheServerGracefullyWithExitZeroAndItsCounters(String signal) throws Exception {
        Process server = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EchoServerMain.class.getName(), "--port", "0",
                "--bind", "127.0.0.1")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            int port = -1;
            for (String line; port < 0 && (line = out.readLine()) != null; ) {
                if (line.startsWith("listening on 127.0.0.1:")) {
                    port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
                }
            }
            assertTrue(port > 0, "the server printed its port");
            assertEquals("Received request: 'bye'", exchange(port, "bye"));
            ExternalTool.run("kill", "-" + signal, String.valueOf(server.pid())).assertSuccess();
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server stops");
            assertEquals(0, server.exitValue());
            String rest = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(rest.contains("connections: 1 accepted, 1 handshakes completed"), rest);
        } finally {
            server.destroyForcibly();
        }
    }

    private static String exchange(int port, String line) throws Exception {
        SSLContext context = Clients.trustingAnything();
        try (SSLSocket socket = Clients.connect(context, port, "localhost")) {
            return Clients.sendAndRead(socket, line);
        }
    }
}

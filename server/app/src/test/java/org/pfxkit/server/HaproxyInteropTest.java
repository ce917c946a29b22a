package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pfxkit.shared.testing.ExternalTool;
import org.pfxkit.shared.testing.TestPki;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * docs/scaling.md's set-up for real: Debian's HAProxy in TCP mode, round robin, in front of two echo server
 * processes ({@code EchoServerMain --proxy-protocol}, as an operator starts them), once with send-proxy-v2 and once
 * with send-proxy (v1), health checks on with check-send-proxy as the doc recommends. Everything is read from what
 * each process writes with {@code --log-format json --log-connections}: clients are answered by both processes,
 * which name each client by its own address and port, and a client that gives up during the handshake is one failure
 * event at one process naming that client.
 */
class HaproxyInteropTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private final List<ServerProcess> backends = new ArrayList<>();
    private final List<Integer> backendPorts = new ArrayList<>();
    private Process haproxy;
    /** HAProxy's frontend port: the one clients connect to. */
    private int port;

    @AfterEach
    void destroy() throws InterruptedException {
        stopHaproxy();
        backends.forEach(ServerProcess::close);
    }

    /** Two backend processes with --proxy-protocol, then HAProxy in front of them on a free loopback port. */
    private void start(String sendProxy) throws Exception {
        String executable = ExternalTool.require("/usr/sbin/haproxy");
        Path key = Files.createFile(dir.resolve("private.pem"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(key, TestServer.LEAF.privateKeyPem());
        Path cert = TestPki.writePem(dir.resolve("public.pem"), TestServer.LEAF.certificate(),
                TestServer.ROOT.certificate());
        for (int i = 0; i < 2; i++) { // both JVMs start at once; their ports are read below
            backends.add(ServerProcess.start("--key", key.toString(), "--cert", cert.toString(),
                    "--port", "0", "--bind", "127.0.0.1", "--io-threads", "1", "--proxy-protocol",
                    "--log-format", "json", "--log-connections"));
        }
        for (ServerProcess backend : backends) {
            backendPorts.add(backend.port());
        }
        port = freePort();
        // Health checks stay on, as docs/scaling.md configures them: with check-send-proxy each check carries a
        // header (v2: a LOCAL command; v1: a PROXY line naming the check's own connection), connects and closes. They
        // are CONNECT_CLOSE_NO_HELLO events of no client of ours, and never a completed handshake, so what the tests
        // below look for (completed handshakes, events naming our client's address) does not include them.
        String config = String.join("\n",
                "global",
                "    maxconn 200",
                "defaults",
                "    mode tcp",
                "    timeout connect 5s",
                "    timeout client 30s",
                "    timeout server 30s",
                "frontend tls",
                "    bind 127.0.0.1:" + port,
                "    default_backend echo",
                "backend echo",
                "    balance roundrobin",
                "    server echo1 127.0.0.1:" + backendPorts.get(0) + " " + sendProxy
                        + " check check-send-proxy inter 200ms",
                "    server echo2 127.0.0.1:" + backendPorts.get(1) + " " + sendProxy
                        + " check check-send-proxy inter 200ms",
                "");
        Path cfg = Files.writeString(dir.resolve("haproxy.cfg"), config);
        Path log = dir.resolve("haproxy.log");
        haproxy = new ProcessBuilder(executable, "-db", "-f", cfg.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        awaitListening(port, log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            return probe.getLocalPort();
        }
    }

    /**
     * Polls the kernel's table of TCP sockets (/proc/net/tcp) until HAProxy's listening socket is there. A test
     * connection would do as well but not for free: HAProxy would pass it on to a backend as a connection of its own.
     */
    private void awaitListening(int listenPort, Path log) throws Exception {
        String local = String.format("0100007F:%04X", listenPort);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!haproxy.isAlive()) {
                fail("haproxy exited with " + haproxy.exitValue() + ":\n" + Files.readString(log));
            }
            for (String line : Files.readAllLines(Path.of("/proc/net/tcp"))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 3 && fields[1].equals(local) && fields[3].equals("0A")) { // 0A: TCP_LISTEN
                    return;
                }
            }
            Thread.sleep(20);
        }
        fail("haproxy did not listen on port " + listenPort + " within 20 s:\n" + Files.readString(log));
    }

    private void stopHaproxy() throws InterruptedException {
        if (haproxy != null && haproxy.isAlive()) {
            haproxy.destroy();
            if (!haproxy.waitFor(5, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Stops HAProxy, then both backends with SIGTERM (a graceful stop, exit 0). After this every log line either
     * backend will ever write has been read, so a count of events is final, with no wait for stragglers.
     */
    private void stopAll() throws InterruptedException {
        stopHaproxy();
        backends.forEach(ServerProcess::terminate);
        for (ServerProcess backend : backends) {
            assertEquals(0, backend.awaitExit(Duration.ofSeconds(30)), backend::err);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"send-proxy-v2", "send-proxy"})
    void clientsAreAnsweredByBothBackendProcessesWhichSeeEachClientsOwnAddress(String sendProxy) throws Exception {
        start(sendProxy);
        SSLContext trusting = Clients.trusting(TestServer.ROOT.certificate());
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            try (SSLSocket socket = Clients.connect(trusting, port, "localhost")) {
                clients.add(address(socket.getLocalPort()));
                assertEquals("Received request: 'c" + i + "'", Clients.sendAndRead(socket, "c" + i));
            }
        }
        stopAll();
        List<String> answered = new ArrayList<>();
        for (int i = 0; i < backends.size(); i++) {
            List<String> mine = new ArrayList<>();
            for (JsonNode c : log(i, "connection")) {
                if (!"ok".equals(c.path("outcome").asText()) || c.path("protocol").isNull()) {
                    continue; // a health check: CONNECT_CLOSE_NO_HELLO, no handshake
                }
                assertEquals(address(port), c.path("local").asText(), "the address the client reached: " + c);
                mine.add(c.path("remote").asText());
            }
            // Round robin over two servers that stay up: the four clients alternate between them.
            assertFalse(mine.isEmpty(), "backend " + (i + 1) + " answered no client; its log:\n"
                    + backends.get(i).err());
            answered.addAll(mine);
        }
        answered.sort(null);
        clients.sort(null);
        assertEquals(clients, answered,
                "each client answered once, named by its own address and port, not HAProxy's");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"send-proxy-v2", "send-proxy"})
    void aClientThatGivesUpDuringTheHandshakeIsOneEventAtABackendProcessNamingThatClient(String sendProxy)
            throws Exception {
        start(sendProxy);
        String client;
        try (Socket socket = new Socket(LOOPBACK, port)) {
            socket.setSoTimeout(20_000);
            client = address(socket.getLocalPort());
            socket.getOutputStream().write(Clients.jdkClientHello("localhost"));
            InputStream in = socket.getInputStream();
            // The first byte of the server's answer proves HAProxy has connected a backend and passed the hello on.
            assertEquals(0x16, in.read(), "a TLS handshake record from the backend");
            // Then give up as the recipe's client does, closing its side; HAProxy passes the close on (a FIN, since
            // no unread byte is dropped: we keep reading until the backend, then HAProxy, close).
            socket.shutdownOutput();
            in.readAllBytes();
        }
        stopAll();
        List<JsonNode> naming = new ArrayList<>();
        long handshakeEofs = 0;
        for (int i = 0; i < backends.size(); i++) {
            for (JsonNode f : log(i, "failure")) {
                if (client.equals(f.path("remote").asText())) {
                    naming.add(f);
                }
            }
            handshakeEofs += counters(i).path("failures").path("HANDSHAKE_EOF").asLong();
        }
        assertEquals(1, naming.size(), "failure events naming the client " + client + ": " + naming);
        JsonNode event = naming.get(0);
        assertEquals("HANDSHAKE_EOF", event.path("code").asText(), event::toString);
        assertEquals(address(port), event.path("local").asText(), "the address the client reached: " + event);
        assertEquals(1, handshakeEofs, "HANDSHAKE_EOF in the counters of both backends, as in their logs");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"send-proxy-v2", "send-proxy"})
    void healthChecksWithCheckSendProxyAreQuietConnectAndCloseEventsNeverInvalidHeaders(String sendProxy)
            throws Exception {
        start(sendProxy);
        for (int i = 0; i < backends.size(); i++) {
            // Checks come every 200 ms ("inter 200ms"); 20 s is a bound, not a timing assertion.
            assertTrue(backends.get(i).awaitErrLine(line -> isType(parse(line), "failure"), Duration.ofSeconds(20)),
                    "no health check reached backend " + (i + 1) + "; its log:\n" + backends.get(i).err());
        }
        // The events logged so far, with HAProxy still running: stopping it could cut a check short, which is no
        // part of what this test is about.
        for (int i = 0; i < backends.size(); i++) {
            for (JsonNode check : log(i, "failure")) {
                assertEquals(FailureCode.CONNECT_CLOSE_NO_HELLO.name(), check.path("code").asText(), check::toString);
                assertTrue(FailureCode.CONNECT_CLOSE_NO_HELLO.quiet());
                // v2: a LOCAL command, the socket's addresses kept; v1: a PROXY line naming the check's own
                // connection. Either way the check reached the backend itself, not our frontend.
                assertEquals(address(backendPorts.get(i)), check.path("local").asText(), check::toString);
            }
        }
    }

    /** Backend i's JSON log lines (stderr) of one type: "failure" or "connection". */
    private List<JsonNode> log(int backend, String type) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : backends.get(backend).errLines()) {
            JsonNode node = parse(line);
            if (isType(node, type)) {
                lines.add(node);
            }
        }
        return lines;
    }

    /** Backend i's counters, the JSON object it prints on stdout when it stops. */
    private JsonNode counters(int backend) {
        for (String line : backends.get(backend).outLines()) {
            JsonNode node = parse(line);
            if (isType(node, "counters")) {
                return node;
            }
        }
        return fail("backend " + (backend + 1) + " printed no counters:\n" + backends.get(backend).out() + "\nerr:\n"
                + backends.get(backend).err());
    }

    /** A JSON log line, or null for the other lines (the start-up lines on stdout, a JVM warning on stderr). */
    private static JsonNode parse(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(line);
            assertNotNull(node);
            assertEquals(EventLog.SCHEMA_VERSION, node.path("schemaVersion").asInt(), line);
            return node;
        } catch (JsonProcessingException e) {
            return fail("a log line that is not JSON: " + line, e);
        }
    }

    private static boolean isType(JsonNode node, String type) {
        return node != null && type.equals(node.path("type").asText());
    }

    /** An address as the server's log writes it (EventLog.address): 127.0.0.1:PORT. */
    private static String address(int port) {
        return LOOPBACK.getHostAddress() + ":" + port;
    }
}

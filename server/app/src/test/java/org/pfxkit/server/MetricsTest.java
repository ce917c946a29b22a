package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pfxkit.shared.testing.ExternalTool;

/**
 * /metrics and /healthz of a server with a few connections behind it, one failed: the values moved, and the text
 * parses with Prometheus' own Python parser (Debian's python3-prometheus-client).
 */
class MetricsTest {
    /** Prints "name{labels} value" per sample, labels sorted, as the parser understood them. */
    private static final String PARSE = String.join("\n",
            "import sys",
            "from prometheus_client.parser import text_string_to_metric_families",
            "for family in text_string_to_metric_families(sys.stdin.read()):",
            "    for s in family.samples:",
            "        labels = ','.join(k + '=' + v for k, v in sorted(s.labels.items()))",
            "        print('%s %s{%s} %d' % (family.type, s.name, labels, s.value))");

    private TestServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        InetSocketAddress at = server.server.metricsAddress();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.getPort() + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void theCountersMoveAndParseAsPrometheusText(TlsEngine engine) throws Exception {
        String python = ExternalTool.require("/usr/bin/python3");
        server = TestServer.start(engine, b -> b.metrics(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        assertTrue(server.server.metricsAddress().getAddress().isLoopbackAddress());
        assertEquals("Received request: 'one'", Clients.exchange(server.port(), "one"));
        assertEquals("Received request: 'two'", Clients.exchange(server.port(), "two"));
        try (Socket plain = Clients.raw(server.port())) {
            plain.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            try (InputStream in = plain.getInputStream()) {
                in.readAllBytes();
            }
        }
        for (int i = 0; i < 3; i++) {
            server.nextClosed(); // every connection has closed: its counters have all moved
        }
        assertTrue(server.server.reload().succeeded());

        HttpResponse<String> metrics = get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8",
                metrics.headers().firstValue("content-type").orElse(null));
        ExternalTool.Result parsed = ExternalTool.run(java.util.List.of(python, "-c", PARSE), null, metrics.body(),
                Map.of(), 60).assertSuccess();
        Set<String> samples = parsed.stdout().lines().collect(Collectors.toSet());
        long notAfter = TestServer.LEAF.certificate().getNotAfter().toInstant().getEpochSecond();
        for (String expected : new String[] {
            "gauge pfxkit_connections_open{} 0",
            "counter pfxkit_connections_accepted_total{} 3",
            "counter pfxkit_failures_total{code=NOT_TLS_HTTP} 1",
            "counter pfxkit_failures_total{code=HANDSHAKE_EOF} 0",
            "counter pfxkit_reloads_total{} 1",
            "counter pfxkit_reload_failures_total{} 0",
            "gauge pfxkit_certificate_not_after_seconds{set=default} " + notAfter}) {
            assertTrue(samples.contains(expected), () -> expected + " not in:\n" + parsed.stdout()
                    + "\nfrom:\n" + metrics.body());
        }

        // The JDK client offers X25519MLKEM768 and x25519 first; BoringSSL names the group, the JDK engine cannot.
        String handshakes = samples.stream().filter(l -> l.startsWith("counter pfxkit_handshakes_total{"))
                .collect(Collectors.joining("\n"));
        assertEquals(1, handshakes.lines().count(), handshakes);
        assertTrue(handshakes.endsWith(",protocol=TLSv1.3} 2"), handshakes);
        assertEquals(engine == TlsEngine.JDK, handshakes.contains("{group=unknown,"), handshakes);

        HttpResponse<String> health = get("/healthz");
        assertEquals(200, health.statusCode());
        assertEquals("ok\n", health.body());
        assertEquals(404, get("/other").statusCode());
    }

    @org.junit.jupiter.api.Test
    void aBareMetricsPortListensOnLoopback() throws Exception {
        try (RunningCommand command = new RunningCommand("--metrics", "0", "--port", "0", "--bind", "127.0.0.1")) {
            command.port();
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics").matcher(command.out());
            assertTrue(m.find(), command.out());
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1)
                    + "/healthz")).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertEquals(0, command.stop());
        }
    }
}

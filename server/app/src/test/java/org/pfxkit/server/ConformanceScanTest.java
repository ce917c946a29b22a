package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.shared.keys.KeyMaterial;
import org.pfxkit.shared.testing.ExternalTool;
import org.pfxkit.shared.testing.TestPki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Outside TLS checkers against both engines, with an ECDSA (P-256) and an RSA-2048 certificate, default profile:
 * Debian's testssl.sh (protocols, cipher categories, client-initiated renegotiation; its JSON is read) and sslscan
 * (protocols, every accepted suite, heartbleed). Fails on anything "VULNERABLE", a protocol below TLS
 * 1.2, a TLS 1.2 suite without ECDHE or without AEAD, and renegotiation. The testssl runs go at once: testssl spends
 * its time starting its own openssl processes, not waiting on us.
 */
class ConformanceScanTest {
    private static final TestPki.Issued RSA = TestServer.ROOT.issue(TestPki.leaf("localhost").dns("localhost")
            .serverAuth().keyType(TestPki.KeyType.RSA_2048).sharedKey("server-rsa"));
    /**
     * testssl's checks: -p protocols, -s cipher categories (CBC is "AVERAGE"), -R renegotiation. The whole -U set
     * took 2 min 40 s for one server on the 2-core build machine; these about 75 s. Both tools run against all four
     * servers (each engine with each key type; static RSA suites could show only with the RSA certificate).
     */
    private static final List<String> TESTSSL_CHECKS = List.of("-p", "-s", "-R");
    private static final Pattern SSLSCAN_SUITE = Pattern.compile("(?m)^(?:Preferred|Accepted)\\s+(\\S+)\\s+\\d+ bits"
            + "\\s+(\\S+)");
    private static final Pattern TLS12_FORWARD_SECRET_AEAD = Pattern.compile(
            "ECDHE-(ECDSA|RSA)-(AES128-GCM-SHA256|AES256-GCM-SHA384|CHACHA20-POLY1305)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Target(String name, TestServer server) {
    }

    @Test
    void testsslAndSslscanFindNothingOnEitherEngineOrKeyType() throws Exception {
        String testssl = ExternalTool.require("testssl");
        String sslscan = ExternalTool.require("sslscan");
        List<Target> targets = new ArrayList<>();
        try {
            for (TlsEngine engine : new TlsEngine[] {TlsEngine.OPENSSL, TlsEngine.JDK}) {
                targets.add(new Target(engine + "-ecdsa", TestServer.start(engine)));
                targets.add(new Target(engine + "-rsa", TestServer.startWithout(engine,
                        b -> b.keyMaterial(new KeyMaterial(RSA.privateKey(), RSA.chain())))));
            }
            List<Process> scans = new ArrayList<>();
            for (Target t : targets) {
                List<String> command = new ArrayList<>(List.of(testssl, "--fast", "--ip", "one", "--warnings", "off",
                        "--color", "0", "--quiet", "--jsonfile", dir.resolve(t.name() + ".json").toString()));
                command.addAll(TESTSSL_CHECKS);
                command.add("127.0.0.1:" + t.server().port());
                scans.add(new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(dir.resolve(t.name() + ".txt").toFile()).start());
            }
            for (Target t : targets) {
                checkSslscan(t.name(), ExternalTool.run(List.of(sslscan, "--no-colour",
                        "127.0.0.1:" + t.server().port()), dir, null, java.util.Map.of(), 60).stdout());
            }
            for (int i = 0; i < targets.size(); i++) {
                Process scan = scans.get(i);
                if (!scan.waitFor(300, TimeUnit.SECONDS)) {
                    scan.destroyForcibly().waitFor();
                }
                Target t = targets.get(i);
                assertEquals(0, scan.exitValue(), () -> t.name() + ": testssl failed:\n" + read(t.name() + ".txt"));
                checkTestssl(t.name(), JSON.readTree(dir.resolve(t.name() + ".json").toFile()));
            }
        } finally {
            targets.forEach(t -> t.server().close());
        }
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void checkTestssl(String target, JsonNode findings) {
        int seen = 0;
        for (JsonNode f : findings) {
            String id = f.path("id").asText();
            String finding = f.path("finding").asText();
            String what = target + ": testssl " + id + " = " + f.path("severity").asText() + " " + finding;
            assertTrue(!finding.contains("VULNERABLE"), what);
            assertTrue(!f.path("severity").asText().equals("FATAL"), what);
            switch (id) {
                case "SSLv2", "SSLv3", "TLS1", "TLS1_1", "cipherlist_NULL", "cipherlist_aNULL", "cipherlist_EXPORT",
                        "cipherlist_LOW", "cipherlist_3DES_IDEA", "cipherlist_AVERAGE" -> {
                    assertTrue(finding.startsWith("not offered"), what); // cipherlist_AVERAGE: the CBC suites
                    seen++;
                }
                case "TLS1_2", "TLS1_3" -> {
                    assertTrue(finding.startsWith("offered"), what);
                    seen++;
                }
                case "secure_client_renego" -> {
                    assertTrue(finding.startsWith("not vulnerable") || finding.startsWith("likely not vulnerable"),
                            what);
                    seen++;
                }
                default -> { }
            }
        }
        assertEquals(13, seen, target + ": testssl's JSON lacks a finding this test reads:\n" + findings);
    }

    private static void checkSslscan(String target, String output) {
        assertTrue(Pattern.compile("(?m)^TLSv1\\.2\\s+enabled").matcher(output).find()
                && Pattern.compile("(?m)^TLSv1\\.3\\s+enabled").matcher(output).find(), target + "\n" + output);
        for (String old : new String[] {"SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1"}) {
            assertTrue(Pattern.compile("(?m)^" + old + "\\s+disabled").matcher(output).find(),
                    target + ": sslscan: " + old + "\n" + output);
        }
        assertTrue(!output.contains("vulnerable to heartbleed") || output.contains("not vulnerable to heartbleed")
                && !output.replace("not vulnerable to heartbleed", "").contains("vulnerable to heartbleed"),
                target + ": sslscan: heartbleed\n" + output);
        Matcher m = SSLSCAN_SUITE.matcher(output);
        int suites = 0;
        while (m.find()) {
            suites++;
            String protocol = m.group(1);
            String suite = m.group(2);
            assertTrue(protocol.equals("TLSv1.3") || protocol.equals("TLSv1.2")
                    && TLS12_FORWARD_SECRET_AEAD.matcher(suite).matches(), target + ": sslscan: " + m.group());
        }
        assertTrue(suites >= 6, target + ": sslscan listed " + suites + " suites\n" + output);
    }
}

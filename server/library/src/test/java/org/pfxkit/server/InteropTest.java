package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pfxkit.shared.testing.ExternalTool;

/**
 * Real clients against the real server, on both engines, each verifying our certificate against the test root and
 * receiving the recipe's reply: the JDK's TLS client, openssl s_client, GnuTLS gnutls-cli, and Tcl's tls package
 * running the recipe's client side.
 */
class InteropTest {
    @TempDir
    Path dir;
    @AutoClose
    private TestServer server;

    private Path rootPem() throws Exception {
        return Files.writeString(dir.resolve("root.pem"), TestServer.ROOT.certificatePem());
    }

    private void assertNoFailure() throws Exception {
        server.assertNextClosedWithoutFailure();
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void theJdkClientGetsTheReply(TlsEngine engine) throws Exception {
        server = TestServer.start(engine);
        assertEquals("Received request: 'hello'", Clients.exchange(server.port(), "hello"));
        assertNoFailure();
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void opensslSClientGetsTheReply(TlsEngine engine) throws Exception {
        ExternalTool.require("openssl");
        server = TestServer.start(engine);
        ExternalTool.Result r = ExternalTool.run(List.of("openssl", "s_client", "-connect",
                "127.0.0.1:" + server.port(), "-servername", "localhost", "-CAfile", rootPem().toString(),
                "-verify_return_error", "-quiet"), dir, "hello\n", Map.of(), 30);
        assertTrue(r.stdout().contains("Received request: 'hello'"), r::output);
        assertNoFailure();
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void gnutlsCliGetsTheReply(TlsEngine engine) throws Exception {
        ExternalTool.require("gnutls-cli");
        server = TestServer.start(engine);
        // gnutls-cli stops at the end of its input; the server answers and closes first, so the reply is read.
        ExternalTool.Result r = ExternalTool.run(List.of("gnutls-cli", "--x509cafile", rootPem().toString(),
                "--port", String.valueOf(server.port()), "localhost"), dir, "hello\n", Map.of(), 30);
        assertTrue(r.stdout().contains("Received request: 'hello'"), r::output);
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void tclTlsRunningTheRecipesClientGetsTheReply(TlsEngine engine) throws Exception {
        ExternalTool.require("tclsh");
        server = TestServer.start(engine);
        Path script = Files.writeString(dir.resolve("client.tcl"), String.join("\n",
                "if {[catch {package require tls}]} { puts stderr \"tcl-tls is not installed\"; exit 3 }",
                "set s [tls::socket -cafile [lindex $argv 0] -require 1 -servername localhost localhost "
                        + "[lindex $argv 1]]",
                "puts $s hello",
                "flush $s",
                "puts [gets $s]",
                "close $s",
                ""));
        ExternalTool.Result r = ExternalTool.run(List.of("tclsh", script.toString(), rootPem().toString(),
                String.valueOf(server.port())), dir, null, Map.of(), 30);
        ExternalTool.requireThat(r.exitCode() != 3, "Tcl's tls package (Debian tcl-tls) is not installed");
        assertEquals("Received request: 'hello'", r.stdout().trim(), r::output);
        assertNoFailure();
    }
}

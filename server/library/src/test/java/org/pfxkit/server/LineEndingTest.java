package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pfxkit.shared.testing.ExternalTool;

/**
 * Lines end in LF or CRLF and the reply ends the way the client's line did: the seed's Tcl clients send CRLF (Tcl's
 * socket default) and wait for a CRLF line, Unix tools send LF. Read as raw bytes, so the line ending is seen.
 */
class LineEndingTest {
    @TempDir
    Path dir;
    @AutoClose
    private TestServer server;

    private SSLSocket connect() throws IOException {
        return Clients.connect(Clients.trusting(TestServer.ROOT.certificate()), server.port(), "localhost");
    }

    private static void send(SSLSocket socket, String bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The bytes up to and including the next LF. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\r\n", "\n"})
    void theFirstLineIsAnsweredWithItsOwnLineEndingAndNothingElse(String ending) throws Exception {
        server = TestServer.start(TlsEngine.JDK);
        try (SSLSocket socket = connect()) {
            send(socket, "hello" + ending);
            byte[] reply = socket.getInputStream().readAllBytes();
            assertEquals("Received request: 'hello'" + ending, new String(reply, StandardCharsets.UTF_8));
        }
    }

    @Test
    void withEchoAllEachLineIsAnsweredWithTheLineEndingItCameWith() throws Exception {
        server = TestServer.start(TlsEngine.JDK, b -> b.handler(EchoProtocol.everyLine()));
        try (SSLSocket socket = connect()) {
            InputStream in = socket.getInputStream();
            send(socket, "one\r\n");
            assertEquals("Received request: 'one'\r\n", readLine(in));
            send(socket, "two\r\nthree\r\n");
            assertEquals("Received request: 'two'\r\n", readLine(in));
            assertEquals("Received request: 'three'\r\n", readLine(in));
            send(socket, "four\n");
            assertEquals("Received request: 'four'\n", readLine(in));
        }
    }

    @Test
    void tclTlsWithTclsDefaultTranslationGetsCrlfRepliesWithEchoAll() throws Exception {
        ExternalTool.require("tclsh");
        server = TestServer.start(TlsEngine.JDK, b -> b.handler(EchoProtocol.everyLine()));
        Path root = Files.writeString(dir.resolve("root.pem"), TestServer.ROOT.certificatePem());
        // Output keeps Tcl's socket default (crlf); input is read as binary so that a CR before the LF shows.
        Path script = Files.writeString(dir.resolve("client.tcl"), String.join("\n",
                "if {[catch {package require tls}]} { puts stderr \"tcl-tls is not installed\"; exit 3 }",
                "set s [tls::socket -cafile [lindex $argv 0] -require 1 -servername localhost localhost "
                        + "[lindex $argv 1]]",
                "fconfigure $s -translation {binary crlf}",
                "foreach line {one two} {",
                "    puts $s $line",
                "    flush $s",
                "    puts [string map [list \\r <CR>] [gets $s]]",
                "}",
                "close $s",
                ""));
        ExternalTool.Result r = ExternalTool.run(List.of("tclsh", script.toString(), root.toString(),
                String.valueOf(server.port())), dir, null, Map.of(), 30);
        ExternalTool.requireThat(r.exitCode() != 3, "Tcl's tls package (Debian tcl-tls) is not installed");
        assertEquals("Received request: 'one'<CR>\nReceived request: 'two'<CR>", r.stdout().trim(), r::output);
    }
}

package org.pfxkit.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.cli.CommandRunner;
import org.pfxkit.inspect.CertFindCommand;
import org.pfxkit.shared.testing.ExternalTool;
import org.pfxkit.shared.testing.TestPki;

import picocli.CommandLine;

/**
 * What {@code cert_store_find_certificate $store any} (CERT_FIND_ANY after PFXImportCertStore) returns, as certfind
 * models it: the leaf for a pfxconvert file with a full chain, the root for openssl's own export of the same files.
 */
class WindowsAnySearchTest {
    private static TestPki.Issued root;
    private static TestPki.Issued intermediate;
    private static TestPki.Issued leaf;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        root = TestPki.rootCa("pfxkit Any Root");
        intermediate = root.issue(TestPki.ca("pfxkit Any Intermediate"));
        leaf = intermediate.issue(TestPki.leaf("any.example.com"));
    }

    /** certfind --any --json on the store, the password read from the .pwd beside it. */
    private static JsonNode certfindAny(Path store) throws Exception {
        StringWriter out = new StringWriter();
        CommandLine certfind = CommandRunner.commandLine(new CertFindCommand());
        certfind.setOut(new PrintWriter(out));
        certfind.setErr(new PrintWriter(new StringWriter()));
        assertEquals(0, certfind.execute("--any", "--json", store.toString()), out::toString);
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void anyReturnsTheLeafOfAPfxconvertFileWithAFullChainGivenInAnyOrder() throws Exception {
        Path key = TestPki.writePem(dir.resolve("key.pem"), leaf.privateKey());
        Path chain = TestPki.writePem(dir.resolve("chain.pem"), root.certificate(), intermediate.certificate());
        Path crt = TestPki.writePem(dir.resolve("cert.pem"), leaf.certificate());
        Pfxconvert.run(chain.toString(), key.toString(), crt.toString()).assertOk();

        JsonNode result = certfindAny(dir.resolve("cert.pfx"));
        assertEquals("CN=any.example.com", result.at("/result/subject").asText());
        assertEquals(3, result.at("/store/certificates").asInt());
    }

    @Test
    void anyReturnsTheRootOfOpensslsExportOfTheSameFiles() throws Exception {
        Path key = TestPki.writePem(dir.resolve("key.pem"), leaf.privateKey());
        Path chain = TestPki.writePem(dir.resolve("chain.pem"), intermediate.certificate(), root.certificate());
        Path crt = TestPki.writePem(dir.resolve("cert.pem"), leaf.certificate());
        Path pfx = dir.resolve("openssl.pfx");
        ExternalTool.run(List.of("openssl", "pkcs12", "-export", "-inkey", key.toString(), "-in", crt.toString(),
                "-certfile", chain.toString(), "-out", pfx.toString(), "-passout", "env:PW"), null, null,
                Map.of("PW", "pw"), 60).assertSuccess();
        Files.writeString(dir.resolve("openssl.pwd"), "pw\n");

        assertEquals("CN=pfxkit Any Root", certfindAny(pfx).at("/result/subject").asText());
    }
}

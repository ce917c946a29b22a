package org.pfxkit.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.cli.CommandRunner;
import org.pfxkit.convert.PfxConvertCommand;
import org.pfxkit.shared.testing.TestPki;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine;

/** pfxconvert writes the chain root first and the leaf last, so Windows enumerates the leaf first. */
class PfxconvertStoresTest {
    @TempDir
    Path dir;

    @Test
    void anySearchReturnsTheLeafOfAPfxconvertFileWithAFullChain() throws Exception {
        TestPki.Issued root = TestPki.rootCa("C=US,O=Example Org,CN=Example Root CA");
        TestPki.Issued inter = root.issue(TestPki.ca("C=US,O=Example Org,CN=Example Issuing CA"));
        TestPki.Issued leaf = inter.issue(TestPki.leaf("C=US,O=Example Org,CN=hunter").dns("hunter.example.com")
                .serverAuth());
        Path key = TestPki.writePem(dir.resolve("key.pem"), leaf.privateKey());
        Path cert = TestPki.writePem(dir.resolve("cert.pem"), leaf.certificate());
        Path chain = TestPki.writePem(dir.resolve("chain.pem"), root.certificate(), inter.certificate());
        Path pfx = dir.resolve("site.pfx");

        CommandLine convert = CommandRunner.commandLine(new PfxConvertCommand());
        StringWriter convertErr = new StringWriter();
        convert.setOut(new PrintWriter(new StringWriter()));
        convert.setErr(new PrintWriter(convertErr));
        int converted = convert.execute(chain.toString(), key.toString(), cert.toString(), "--out", pfx.toString());
        assertEquals(0, converted, convertErr::toString);

        // pfxconvert generated site.pwd beside site.pfx; certfind reads it without an option.
        CertFind.Run r = CertFind.run("--any", "--json", pfx.toString());
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode json = r.json();
        assertEquals("CN=hunter,O=Example Org,C=US", json.get("result").get("subject").asText());
        assertEquals(0, json.get("warnings").size(), json.toString());
        List<String> order = new ArrayList<>();
        json.get("certificates").forEach(c -> order.add(c.get("windowsSubject").asText()));
        assertEquals(List.of("US, Example Org, hunter", "US, Example Org, Example Issuing CA",
                "US, Example Org, Example Root CA"), order);
        assertEquals("hunter", json.get("certificates").get(0).get("friendlyName").asText());
        assertEquals(true, Files.exists(dir.resolve("site.pwd")));
    }
}

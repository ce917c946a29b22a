package org.pfxkit.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.shared.testing.ExternalTool;
import org.pfxkit.shared.testing.TestPki;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Stores written by {@code openssl pkcs12 -export}: the leaf bag first, then the -certfile certificates in file
 * order. Windows enumerates an imported PFX in the reverse of the bag order (docs/enumeration-order.md), so 'any'
 * returns the last certificate of the chain file.
 */
class OpensslStoresTest {
    static TestPki.Issued root;
    static TestPki.Issued inter;
    static TestPki.Issued leaf;

    @TempDir
    static Path dir;

    @BeforeAll
    static void pki() {
        root = TestPki.rootCa("C=US,O=Example Org,CN=Example Root CA");
        inter = root.issue(TestPki.ca("C=US,O=Example Org,CN=Example Issuing CA"));
        leaf = inter.issue(TestPki.leaf("C=US,O=Example Org,CN=hunter").dns("hunter.example.com").serverAuth());
    }

    /** openssl pkcs12 -export with the leaf and key, the chain file (may be empty) and a .pwd beside the store. */
    static Path export(String name, List<TestPki.Issued> chain) throws Exception {
        String openssl = ExternalTool.require("openssl");
        Path key = TestPki.writePem(dir.resolve(name + ".key"), leaf.privateKey());
        Path crt = TestPki.writePem(dir.resolve(name + ".crt"), leaf.certificate());
        Path pfx = dir.resolve(name + ".pfx");
        List<String> cmd = new ArrayList<>(List.of(openssl, "pkcs12", "-export", "-inkey", key.toString(), "-in",
                crt.toString(), "-out", pfx.toString(), "-passout", "env:PFX_PASSWORD"));
        if (!chain.isEmpty()) {
            Path chainFile = TestPki.writePem(dir.resolve(name + "-chain.pem"),
                    chain.stream().map(TestPki.Issued::certificate).toArray());
            cmd.addAll(List.of("-certfile", chainFile.toString()));
        }
        ExternalTool.run(cmd, dir, null, Map.of("PFX_PASSWORD", "s3cret"), 60).assertSuccess();
        Files.writeString(dir.resolve(name + ".pwd"), "s3cret\n");
        return pfx;
    }

    private static List<String> order(JsonNode json) {
        List<String> subjects = new ArrayList<>();
        json.get("certificates").forEach(c -> subjects.add(c.get("subject").asText()));
        return subjects;
    }

    @Test
    void anySearchReturnsTheRootWhenOpensslWroteTheChainLeafFirst() throws Exception {
        Path pfx = export("chain", List.of(inter, root));
        CertFind.Run r = CertFind.run("--any", "--json", pfx.toString());
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode json = r.json();
        assertEquals(List.of("CN=Example Root CA,O=Example Org,C=US", "CN=Example Issuing CA,O=Example Org,C=US",
                "CN=hunter,O=Example Org,C=US"), order(json));
        assertEquals(1, json.get("result").get("index").asInt());
        assertEquals("CN=Example Root CA,O=Example Org,C=US", json.get("result").get("subject").asText());
        List<String> warnings = new ArrayList<>();
        json.get("warnings").forEach(w -> warnings.add(w.get("kind").asText()));
        assertEquals(List.of("CA_CERTIFICATE", "NO_PRIVATE_KEY"), warnings);
        assertEquals(3, json.get("hints").get(0).get("index").asInt());
    }

    @Test
    void anySearchReturnsTheIntermediateWhenTheChainFileListsTheRootFirst() throws Exception {
        Path pfx = export("rootfirst", List.of(root, inter));
        CertFind.Run r = CertFind.run("--any", pfx.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("--any returns #1: CN=Example Issuing CA,O=Example Org,C=US"), r.out());
        assertTrue(r.out().contains("warning: #1 'US, Example Org, Example Issuing CA' is a CA certificate"), r.out());
    }

    @Test
    void anySearchReturnsTheLeafWhenThePfxHoldsNoChain() throws Exception {
        Path pfx = export("alone", List.of());
        CertFind.Run r = CertFind.run("--any", "--json", pfx.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("CN=hunter,O=Example Org,C=US", r.json().get("result").get("subject").asText());
        assertEquals(0, r.json().get("warnings").size());
    }

    @Test
    void subjectSearchForTheCommonNameReturnsTheLeafAndExplainsEveryOtherCertificate() throws Exception {
        Path pfx = export("subject", List.of(inter, root));
        CertFind.Run r = CertFind.run("--subject", "hunter", pfx.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("#1 no match: subject 'US, Example Org, Example Root CA' does not contain "
                + "'hunter'"), r.out());
        assertTrue(r.out().contains("#3 matches: subject 'US, Example Org, hunter' contains 'hunter'"), r.out());
        assertTrue(r.out().endsWith("--subject hunter returns #3: CN=hunter,O=Example Org,C=US\n"), r.out());
    }

    @Test
    void subjectSearchWithTheCnLabelReturnsNothingAndExitsOne() throws Exception {
        Path pfx = export("label", List.of(inter, root));
        CertFind.Run r = CertFind.run("--subject", "CN=hunter", pfx.toString());
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.out().contains("hint: #3: matches without the attribute labels: search 'hunter'"), r.out());
        assertTrue(r.out().contains("--subject CN=hunter returns nothing: no certificate matches"), r.out());
    }

    @Test
    void aLoopingSearchVisitsTheMatchesInStoreOrder() throws Exception {
        Path pfx = export("loop", List.of(inter, root));
        CertFind.Run r = CertFind.run("--subject", "Example Org", "--json", pfx.toString());
        JsonNode matches = r.json().get("matches");
        assertEquals(3, matches.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(i + 1, matches.get(i).get("number").asInt());
            assertEquals(i + 1, matches.get(i).get("index").asInt());
        }
    }

    @Test
    void hasKeyMakesASubjectSearchSkipTheChain() throws Exception {
        Path pfx = export("haskey", List.of(inter, root));
        CertFind.Run r = CertFind.run("--subject", "Example", "--has-key", "--json", pfx.toString());
        assertEquals(3, r.json().get("result").get("index").asInt(), r::toString);
    }

    @Test
    void theJsonDocumentHasTheDocumentedFields() throws Exception {
        Path pfx = export("schema", List.of(inter, root));
        JsonNode json = CertFind.run("--subject", "nothing-like-this", "--json", pfx.toString()).json();
        assertEquals(1, json.get("schemaVersion").asInt());
        assertTrue(json.get("result").isNull());
        for (String field : List.of("store", "search", "answer", "matches", "warnings", "hints", "certificates")) {
            assertTrue(json.has(field), field);
        }
        JsonNode first = json.get("certificates").get(0);
        for (String field : List.of("index", "fileIndex", "subject", "windowsSubject", "issuer", "windowsIssuer",
                "matches", "reason", "hints", "hasPrivateKey", "ca", "notBefore", "notAfter", "serialNumber", "sha1",
                "dnsNames", "friendlyName", "localKeyId", "cspName", "localKeySet")) {
            assertTrue(first.has(field), field + " missing in " + first);
        }
        assertEquals("PKCS12", json.get("store").get("format").asText());
        assertEquals("windows-enumeration", json.get("store").get("order").asText());
        assertEquals("SUBJECT_STR", json.get("search").get("kind").asText());
    }

    @Test
    void thePwdFileBesideTheStoreIsUsedAndAWrongPasswordIsBadInput() throws Exception {
        Path pfx = export("pwd", List.of());
        assertEquals(0, CertFind.run(pfx.toString()).exitCode());
        Path wrong = Files.writeString(dir.resolve("wrong.txt"), "nope\n");
        CertFind.Run r = CertFind.run("--password-file", wrong.toString(), pfx.toString());
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("certfind: "), r.err());
    }

    @Test
    void verboseAddsEveryCertificatesDetailsAfterTheReport() throws Exception {
        Path pfx = export("verbose", List.of(inter, root));
        CertFind.Run r = CertFind.run("--subject", "hunter", "--verbose", pfx.toString());
        assertEquals(0, r.exitCode(), r::toString);
        int answer = r.out().indexOf("--subject hunter returns #3");
        assertTrue(answer > 0, r.out());
        assertTrue(r.out().indexOf("#1 US, Example Org, Example Root CA\n", answer) > answer, r.out());
        assertTrue(r.out().contains(CertificateDetails.row("chain", "self-signed; issued #2")), r.out());
        assertTrue(r.out().contains(CertificateDetails.row("chain", "issued by #2")), r.out());
    }

    @Test
    void showPrintsTheDetailsAndTheChainLinksInsideTheStore() throws Exception {
        Path pfx = export("show", List.of(inter, root));
        CertFind.Run r = CertFind.run("show", pfx.toString(), "3");
        assertEquals(0, r.exitCode(), r::toString);
        for (String expected : List.of(CertificateDetails.row("subject", "CN=hunter,O=Example Org,C=US"),
                CertificateDetails.row("Windows subject", "US, Example Org, hunter"), "DNS:hunter.example.com",
                "serverAuth (1.3.6.1.5.5.7.3.1)", "SHA-256", "issued by #2", "EC 256 bits",
                "certificate bag localKeyID", CertificateDetails.row("private key", "in the store (EC)"))) {
            assertTrue(r.out().contains(expected), expected + " missing from\n" + r.out());
        }
        CertFind.Run all = CertFind.run("show", pfx.toString());
        assertTrue(all.out().contains("self-signed; issued #2"), all.out());
        assertEquals(2, CertFind.run("show", pfx.toString(), "4").exitCode());
    }
}

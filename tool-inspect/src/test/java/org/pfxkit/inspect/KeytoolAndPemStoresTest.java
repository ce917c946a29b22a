package org.pfxkit.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.shared.testing.ExternalTool;
import org.pfxkit.shared.testing.TestPki;

import com.fasterxml.jackson.databind.JsonNode;

class KeytoolAndPemStoresTest {
    @TempDir
    Path dir;

    private Path keytoolStore(String type, String file) {
        String keytool = ExternalTool.require("keytool");
        Path store = dir.resolve(file);
        ExternalTool.run(List.of(keytool, "-genkeypair", "-alias", "hunter", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=hunter, O=Example Org, C=US", "-validity", "30", "-storetype", type,
                "-keystore", store.toString(), "-storepass:env", "STORE_PW", "-keypass:env", "STORE_PW"),
                dir, null, Map.of("STORE_PW", "changeit"), 120).assertSuccess();
        return store;
    }

    @Test
    void aKeytoolDnameIsSearchedInEncodedOrder() throws Exception {
        Path store = keytoolStore("PKCS12", "keytool.p12");
        Path pwd = Files.writeString(dir.resolve("pw.txt"), "changeit\n");
        CertFind.Run r = CertFind.run("--subject", "Example Org, hunter", "--json", "--password-file",
                pwd.toString(), store.toString());
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode c = r.json().get("certificates").get(0);
        assertEquals("US, Example Org, hunter", c.get("windowsSubject").asText());
        assertEquals("CN=hunter,O=Example Org,C=US", c.get("subject").asText());
        assertEquals("hunter", c.get("friendlyName").asText());
        assertTrue(c.get("hasPrivateKey").asBoolean());
    }

    @Test
    void aJksStoreFromKeytoolIsSearchedInAliasOrder() throws Exception {
        Path store = keytoolStore("JKS", "keytool.jks");
        CertFind.Run r = CertFind.run("--any", "--json", "--password-env", "PATH", store.toString());
        // PATH is not the password: a wrong password is bad input, whatever the format.
        assertEquals(2, r.exitCode(), r::toString);
        Files.writeString(dir.resolve("keytool.pwd"), "changeit\n");
        CertFind.Run ok = CertFind.run("--any", "--json", store.toString());
        assertEquals(0, ok.exitCode(), ok::toString);
        assertEquals("JKS", ok.json().get("store").get("format").asText());
        assertEquals("jks-aliases", ok.json().get("store").get("order").asText());
    }

    @Test
    void aPemBundleIsListedInFileOrderWithItsKey() throws Exception {
        TestPki.Issued root = TestPki.rootCa("C=US,O=Example Org,CN=Example Root CA");
        TestPki.Issued leaf = root.issue(TestPki.leaf("C=US,O=Example Org,CN=hunter").dns("hunter.example.com"));
        Path bundle = TestPki.writePem(dir.resolve("bundle.pem"), leaf.certificate(), root.certificate(),
                leaf.privateKey());
        CertFind.Run r = CertFind.run("--any", bundle.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("order:  file order (not a PFX import"), r.out());
        assertTrue(r.out().contains("--any returns #1: CN=hunter,O=Example Org,C=US"), r.out());
        assertTrue(r.out().contains("  1   yes  US, Example Org, hunter"), r.out());
    }

    @Test
    void aSingleDerCertificateIsAStoreOfOne() throws Exception {
        TestPki.Issued self = TestPki.selfSigned(TestPki.leaf("www.example.com"));
        Path der = Files.write(dir.resolve("cert.der"), self.certificate().getEncoded());
        CertFind.Run r = CertFind.run("--dns", "WWW.example.com", der.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("SAN DNS name 'www.example.com' matches 'WWW.example.com'"), r.out());
        assertTrue(r.out().contains("has no private key in the store"), r.out());
    }

    @Test
    void anEmptyStoreListsNothingAndExitsOne() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        CertFind.Run r = CertFind.run(empty.toString());
        assertTrue(r.exitCode() == 1 || r.exitCode() == 2, r::toString);
    }
}

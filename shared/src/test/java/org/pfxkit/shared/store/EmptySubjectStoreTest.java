package org.pfxkit.shared.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.shared.keys.KeyMaterial;
import org.pfxkit.shared.match.CertificateIndex;
import org.pfxkit.shared.match.CertificateSearch;
import org.pfxkit.shared.match.Finding;
import org.pfxkit.shared.match.SearchResult;
import org.pfxkit.shared.pem.MaterialReader;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.testing.ExternalTool;

/**
 * A certificate with an empty subject and a non-critical subjectAltName, as 'openssl req -subj /' with
 * '-addext subjectAltName' writes it: the JDK refuses it (RFC 5280 4.2.1.6), Windows imports it and its 'any' search
 * returns it. The store stays readable, the search warns, and by Windows' rules its subject string is empty.
 */
class EmptySubjectStoreTest {
    @TempDir
    Path dir;

    private void openssl(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        ExternalTool.run(command, dir, null, java.util.Map.of(), 60).assertSuccess();
    }

    @Test
    void aCertificateTheJdkRefusesIsKeptWarnedAboutAndMatchedByWindowsRules() throws Exception {
        ExternalTool.require("openssl");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                "ca.key", "-out", "ca.pem", "-subj", "/CN=Empty Subject Test CA", "-days", "3");
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                "leaf.key", "-out", "leaf.csr", "-subj", "/", "-addext", "subjectAltName=DNS:x.example");
        Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=DNS:x.example\n");
        openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-out", "leaf.pem",
                "-days", "3", "-extfile", "ext.cnf");
        openssl("pkcs12", "-export", "-inkey", "leaf.key", "-in", "leaf.pem", "-out", "store.pfx", "-passout",
                "pass:pw");
        byte[] leafDer = MaterialReader.read(dir.resolve("leaf.pem"), null).certificates().get(0).value()
                .getEncoded();
        assertThrows(CertificateException.class, () -> CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(leafDer)), "the JDK refuses it");

        Keystore store = Keystore.open(dir.resolve("store.pfx"), PasswordSource.of("pw".toCharArray()));
        assertEquals(1, store.fileOrder().size());
        CertificateIndex index = CertificateIndex.of(store.enumerationOrder());
        SearchResult any = CertificateSearch.any().search(index);
        assertTrue(any.returned().orElseThrow().certificate().hasPrivateKey(), "'any' returns the leaf");
        assertEquals("", any.returned().orElseThrow().certificate().windowsSubject());
        assertTrue(any.warnings().stream().anyMatch(w -> w.kind() == Finding.Kind.BREAKS_RFC_5280
                && w.message().contains("4.2.1.6")), any.warnings().toString());
        assertFalse(CertificateSearch.subjectSubstring("x.example").search(index).matches().stream()
                .anyMatch(v -> v.certificate().hasPrivateKey()), "its SAN is not its subject");
        assertTrue(CertificateSearch.subjectSubstring("").search(index).matches().stream()
                .anyMatch(v -> v.certificate().hasPrivateKey()), "the empty needle finds the empty subject");
    }

    /**
     * The certificate of the issue: self-signed by 'openssl req -x509 -subj /' with a subjectAltName, so its issuer is
     * empty as well, which the JDK and (without its override) BouncyCastle refuse. certfind's 'any' returns it, as
     * CryptoAPI's does, with a warning for each RFC 5280 rule it breaks; pfxconvert's writer can put it in a PFX.
     */
    @Test
    void aSelfSignedCertificateWithAnEmptyIssuerIsKeptToo() throws Exception {
        ExternalTool.require("openssl");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                "self.key", "-out", "self.pem", "-subj", "/", "-addext", "subjectAltName=DNS:self.example",
                "-days", "3");
        openssl("pkcs12", "-export", "-inkey", "self.key", "-in", "self.pem", "-out", "self.pfx", "-passout",
                "pass:pw");
        Keystore store = Keystore.open(dir.resolve("self.pfx"), PasswordSource.of("pw".toCharArray()));
        assertEquals(1, store.fileOrder().size());
        SearchResult any = CertificateSearch.any().search(CertificateIndex.of(store.enumerationOrder()));
        assertTrue(any.returned().orElseThrow().certificate().hasPrivateKey(), "'any' returns it");
        assertEquals("", any.returned().orElseThrow().certificate().windowsSubject());
        assertTrue(any.warnings().stream().anyMatch(w -> w.message().contains("4.1.2.4")), any.warnings().toString());
        assertTrue(any.warnings().stream().anyMatch(w -> w.message().contains("4.2.1.6")), any.warnings().toString());

        var certificate = MaterialReader.read(dir.resolve("self.pem"), null).certificates().get(0).value();
        var key = MaterialReader.read(dir.resolve("self.key"), null).keys().get(0).value();
        assertEquals(1, PfxWriter.certificateBags(new KeyMaterial(key, List.of(certificate)), PfxOptions.defaults(),
                "self", new byte[20]).length, "written back as a certificate bag");
    }
}

package org.pfxkit.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.shared.testing.NeedsVectors;
import org.pfxkit.shared.testing.Vectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The outside vectors (../shared/vectors, read in place): every store lists, shows its bag attributes and gives the
 * 'any' answer its MANIFEST implies under Windows' enumeration order (the reverse of the bag order).
 */
@NeedsVectors
class VectorsTest {
    @TempDir
    Path dir;

    private CertFind.Run certfind(String vector, String password, String... args) throws Exception {
        Path store = Vectors.file(vector);
        Path pwd = Files.writeString(dir.resolve("pw-" + System.nanoTime()), password + "\n");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(password.isEmpty() ? "--no-password" : "--password-file=" + pwd, store.toString()));
        return CertFind.run(all);
    }

    private JsonNode any(String vector, String password) throws Exception {
        CertFind.Run r = certfind(vector, password, "--any", "--json");
        assertEquals(0, r.exitCode(), r::toString);
        return r.json();
    }

    @Test
    void theWindowsCertmgrExportShowsItsCspNameAndLocalKeySet() throws Exception {
        JsonNode json = any("go-pkcs12/windows-certmgr-aes256-ad_standalone_com.p12", "password");
        assertEquals("CN=*.ad.standalone.com", json.get("result").get("subject").asText());
        JsonNode c = json.get("certificates").get(0);
        assertEquals("Microsoft Software Key Storage Provider", c.get("cspName").asText());
        assertTrue(c.get("localKeySet").asBoolean());
        assertEquals("01000000", c.get("localKeyId").asText());
        CertFind.Run show = certfind("go-pkcs12/windows-certmgr-aes256-ad_standalone_com.p12", "password", "show");
        assertTrue(show.out().contains("key bag CSP name"), show.out());
        assertTrue(show.out().contains("key bag Local Key Set"), show.out());
    }

    @Test
    void theAzureToolsExportWithANullPasswordShowsItsFriendlyNameWithTheTrailingNul() throws Exception {
        JsonNode json = any("go-pkcs12/windows-azure-tools-nullpw.p12", "");
        assertEquals("CN=Windows Azure Tools", json.get("result").get("subject").asText());
        assertTrue(json.get("certificates").get(0).get("friendlyName").asText()
                .startsWith("Paul's Playground-10-2-2014-credentials"));
        CertFind.Run show = certfind("go-pkcs12/windows-azure-tools-nullpw.p12", "", "show");
        assertTrue(show.out().contains("credentials\\u0000"), show.out());
    }

    @Test
    void theIasExportShowsTheSchannelCspAndItsFriendlyName() throws Exception {
        JsonNode json = any("golang-crypto/windows-ias-peap-ldaps-emptypw.p12", "");
        JsonNode c = json.get("certificates").get(0);
        // Its subject ends with a second attribute (OID 1.3.6.1.4.1.311.17.1) that the MANIFEST's CN leaves out.
        assertEquals("Windows IAS PEAP & LDAPS certificates, testing@example.com", c.get("windowsSubject").asText());
        assertEquals("1.3.6.1.4.1.311.17.1=testing@example.com,CN=Windows IAS PEAP & LDAPS certificates",
                c.get("subject").asText());
        assertEquals("PEAP Certificate", c.get("friendlyName").asText());
        assertEquals("Microsoft RSA SChannel Cryptographic Provider", c.get("cspName").asText());
        assertTrue(c.get("localKeySet").asBoolean());
    }

    @Test
    void theOpensslStyleEmptyPasswordStoreOpens() throws Exception {
        JsonNode json = any("go-pkcs12/testing-at-example-com-emptypw.p12", "");
        assertEquals("Friendly name for cert", json.get("certificates").get(0).get("friendlyName").asText());
    }

    @Test
    void theAes192StoreRendersItsFourRdnsInEncodedOrder() throws Exception {
        JsonNode json = any("go-pkcs12/example-com-aes192.p12", "password");
        assertEquals("AU, Some-State, Internet Widgits Pty Ltd, example-com",
                json.get("certificates").get(0).get("windowsSubject").asText());
    }

    @Test
    void thePbmac1StoresOpenAndTheOneWithABadMacIsBadInput() throws Exception {
        String tt = "CN=tt,OU=rr,O=ee,L=ww,ST=qq,C=XX";
        assertEquals(tt, any("go-pkcs12/rfc9579-a1.p12", "1234").get("result").get("subject").asText());
        assertEquals(tt, any("go-pkcs12/rfc9579-a3.p12", "1234").get("result").get("subject").asText());
        assertEquals(2, certfind("go-pkcs12/rfc9579-a4.p12", "1234", "--any").exitCode());
    }

    @Test
    void pycaThreeCertificateStoreAnswersAnyWithTheLastBag() throws Exception {
        JsonNode json = any("pyca-cryptography/pkcs12/name-all-pwd.p12", "password");
        assertEquals(3, json.get("certificates").size());
        assertEquals("CN=Let's Encrypt Authority X3,O=Let's Encrypt,C=US",
                json.get("result").get("subject").asText());
        List<String> names = new ArrayList<>();
        json.get("certificates").forEach(c -> names.add(c.get("friendlyName").asText()));
        assertEquals(List.of("name3", "name2", "name"), names);
    }

    @Test
    void unicodeFriendlyNamesAreShownAsTheyAre() throws Exception {
        JsonNode json = any("pyca-cryptography/pkcs12/name-unicode-pwd.p12", "password");
        List<String> names = new ArrayList<>();
        json.get("certificates").forEach(c -> names.add(c.get("friendlyName").asText()));
        assertTrue(names.contains("\u263a"), names.toString());
        CertFind.Run show = certfind("pyca-cryptography/pkcs12/name-unicode-pwd.p12", "password", "show");
        assertTrue(show.out().contains("\u263a"), show.out());
    }

    @Test
    void aCertificateOnlyStoreAnswersAnyWithAWarningAboutTheMissingKey() throws Exception {
        JsonNode json = any("pyca-cryptography/pkcs12/cert-aes256cbc-no-key.p12", "cryptography");
        List<String> warnings = new ArrayList<>();
        json.get("warnings").forEach(w -> warnings.add(w.get("kind").asText()));
        assertTrue(warnings.contains("NO_PRIVATE_KEY"), warnings.toString());
    }

    @Test
    void aKeyOnlyStoreListsNoCertificateAndItsKey() throws Exception {
        CertFind.Run r = certfind("pyca-cryptography/pkcs12/no-cert-key-aes256cbc.p12", "cryptography");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.out().contains("0 certificates, 1 private key(s) without a certificate"), r.out());
    }

    @Test
    void storesWithoutEncryptionOrWithALegacyMacOpen() throws Exception {
        assertEquals(1, any("pyca-cryptography/pkcs12/cert-none-key-none.p12", "cryptography")
                .get("certificates").size());
        assertEquals(1, any("pyca-cryptography/pkcs12/cert-rc2-key-3des.p12", "cryptography")
                .get("certificates").size());
        assertEquals(1, any("pyca-cryptography/pkcs12/no-password.p12", "").get("certificates").size());
        assertEquals(3, any("pyca-cryptography/pkcs12/name-all-no-pwd.p12", "").get("certificates").size());
        assertEquals(2, any("pyca-cryptography/pkcs12/no-cert-name-all-pwd.p12", "password")
                .get("certificates").size());
    }

    @Test
    void opensslsCspAndLmkExportAnswersAnyWithTheCaAndShowsTheKeyBagAttributes() throws Exception {
        String vector = "generated-openssl-3.0.19/leaf+ca_name_caname_CSP_LMK_keyex_pw-x.pfx";
        JsonNode json = any(vector, "x");
        assertEquals("CN=TestCA", json.get("result").get("subject").asText());
        JsonNode leaf = json.get("certificates").get(1);
        assertEquals("my leaf", leaf.get("friendlyName").asText());
        assertEquals("Microsoft Enhanced RSA and AES Cryptographic Provider", leaf.get("cspName").asText());
        assertTrue(leaf.get("localKeySet").asBoolean());
        assertEquals("my ca", json.get("certificates").get(0).get("friendlyName").asText());
    }

    @Test
    void theGeneratedOpensslStoresOpenWithTheirPasswords() throws Exception {
        String dirName = "generated-openssl-3.0.19/";
        assertEquals("CN=rsa.example", any(dirName + "rsa2048_default_pw-changeit.pfx", "changeit")
                .get("result").get("subject").asText());
        assertEquals("CN=rsa.example", any(dirName + "rsa2048_default_emptypw.pfx", "")
                .get("result").get("subject").asText());
        assertEquals("CN=rsa.example", any(dirName + "rsa2048_legacy_pw-x.pfx", "x")
                .get("result").get("subject").asText());
        assertEquals("CN=rsa.example", any(dirName + "rsa2048_keypbe-certpbe-NONE_pw-x.pfx", "x")
                .get("result").get("subject").asText());
    }

    @Test
    void pemVectorsListInFileOrder() throws Exception {
        CertFind.Run r = CertFind.run("--any", Vectors.file("generated-openssl-3.0.19/leaf.crt").toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("--any returns #1: CN=leaf.example"), r.out());
    }
}

package org.pfxkit.shared.store;

import java.io.ByteArrayOutputStream;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;

import org.pfxkit.shared.testing.FuzzSeeds;
import org.pfxkit.shared.testing.TestPki;

/**
 * Seeds of the store fuzz tests: PKCS#12 files made by bcpkix with one iteration (MAC and encryption), so a fuzzing
 * run spends its time in our parsers rather than in key derivation, with and without a MAC, in the four shapes real
 * tools write; JKS files made by the JDK; and the outside PKCS#12 vectors, read where they lie.
 */
final class StoreFuzzSeeds {
    private static final byte[] ID = {1, 0, 0, 0};
    private static final TestPki.Issued ROOT = TestPki.selfSigned(TestPki.ca("pfxkit Fuzz Root").sharedKey("fuzz-root"));
    private static final TestPki.Issued LEAF = ROOT.issue(TestPki.leaf("fuzz.example.com").sharedKey("fuzz-leaf"));

    private StoreFuzzSeeds() {
    }

    /** PKCS#12 files whose password is {@code password} ("" for the empty one). */
    static List<byte[]> pkcs12(String password) {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(TestPfx.password(password).plain(TestPfx.cert(ROOT.certificate(), null, null),
                TestPfx.cert(LEAF.certificate(), null, ID), TestPfx.key(LEAF.privateKey(), ID)).withoutMac());
        seeds.add(TestPfx.password(password).plain(TestPfx.cert(LEAF.certificate(), "leaf", ID),
                TestPfx.key(LEAF.privateKey(), ID)).withMac());
        if (!password.isEmpty()) { // bcpkix encrypts with no empty password: the vectors bring encrypted ones
            TestPfx aes = TestPfx.password(password);
            seeds.add(aes.aes(TestPfx.cert(LEAF.certificate(), "leaf", ID), TestPfx.cert(ROOT.certificate(), "root",
                    null)).plain(aes.shroudedKey(LEAF.privateKey(), ID)).withMac());
            TestPfx legacy = TestPfx.password(password);
            seeds.add(legacy.rc2(TestPfx.cert(LEAF.certificate(), "leaf", ID))
                    .plain(legacy.shroudedKey(LEAF.privateKey(), ID)).withMac());
            // Without a MAC, mutations reach the bag parsers instead of stopping at the integrity check.
            TestPfx noMac = TestPfx.password(password);
            seeds.add(noMac.aes(TestPfx.cert(LEAF.certificate(), "leaf", ID)).plain(noMac.shroudedKey(
                    LEAF.privateKey(), ID), TestPfx.cert(ROOT.certificate(), "root", null)).withoutMac());
        }
        seeds.addAll(FuzzSeeds.vectors(List.of("go-pkcs12", "golang-crypto", "pyca-cryptography/pkcs12",
                "generated-openssl-3.0.19"), List.of(".p12", ".pfx")));
        return seeds;
    }

    /** JKS files with the store and key password "pw". */
    static List<byte[]> jks() {
        try {
            KeyStore withKey = KeyStore.getInstance("JKS");
            withKey.load(null, null);
            withKey.setKeyEntry("leaf", LEAF.privateKey(), "pw".toCharArray(),
                    new Certificate[] {LEAF.certificate(), ROOT.certificate()});
            withKey.setCertificateEntry("root", ROOT.certificate());
            KeyStore trustOnly = KeyStore.getInstance("JKS");
            trustOnly.load(null, null);
            trustOnly.setCertificateEntry("root", ROOT.certificate());
            KeyStore jceks = KeyStore.getInstance("JCEKS");
            jceks.load(null, null);
            jceks.setKeyEntry("leaf", LEAF.privateKey(), "pw".toCharArray(), new Certificate[] {LEAF.certificate()});
            return List.of(store(withKey), store(trustOnly), store(jceks));
        } catch (Exception e) {
            throw new IllegalStateException("JKS seeds", e);
        }
    }

    private static byte[] store(KeyStore store) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, "pw".toCharArray());
        return out.toByteArray();
    }
}

package org.pfxkit.shared.match;

import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.pfxkit.shared.store.BagAttributes;
import org.pfxkit.shared.store.StoreEntry;
import org.pfxkit.shared.testing.TestPki;

/** Stores built in code for the matcher tests: entries in the order given, keys shared to keep tests fast. */
final class SearchFixtures {
    private SearchFixtures() {
    }

    static X500Name name(String c, String o, String cn) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, new DERPrintableString(c))
                .addRDN(BCStyle.O, new DERUTF8String(o))
                .addRDN(BCStyle.CN, new DERUTF8String(cn))
                .build();
    }

    static TestPki.Spec leaf(X500Name subject) {
        return TestPki.leaf("x").subject(subject).sharedKey("match-leaf");
    }

    static TestPki.Issued root() {
        return TestPki.selfSigned(TestPki.ca("x").subject(name("US", "Example Org", "Example Root CA"))
                .sharedKey("match-root"));
    }

    /** A certificate with an empty subject; RFC 5280 4.2.1.6 then requires a critical SAN (the JDK enforces it). */
    static StoreEntry emptySubject(TestPki.Issued issuer) {
        return withSan(issuer, new X500Name(new org.bouncycastle.asn1.x500.RDN[0]),
                new org.bouncycastle.asn1.x509.GeneralName(org.bouncycastle.asn1.x509.GeneralName.dNSName,
                        "empty.example"));
    }

    /** A certificate for the given subject with exactly the given SAN entries (TestPki makes DNS names only). */
    static StoreEntry withSan(TestPki.Issued issuer, X500Name subject,
                              org.bouncycastle.asn1.x509.GeneralName... names) {
        try {
            java.security.KeyPair keys = TestPki.generate(TestPki.KeyType.EC_P256);
            org.bouncycastle.cert.X509v3CertificateBuilder builder =
                    new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                            X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
                            java.math.BigInteger.valueOf(System.nanoTime()),
                            new java.util.Date(System.currentTimeMillis() - 86_400_000L),
                            new java.util.Date(System.currentTimeMillis() + 86_400_000L),
                            subject, keys.getPublic());
            builder.addExtension(org.bouncycastle.asn1.x509.Extension.subjectAlternativeName, true,
                    new org.bouncycastle.asn1.x509.GeneralNames(names));
            java.security.cert.X509Certificate cert = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                    .getCertificate(builder.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder(
                            "SHA256withECDSA").build(issuer.privateKey())));
            return new StoreEntry(0, cert, keys.getPrivate(), BagAttributes.NONE, BagAttributes.NONE);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the test certificate", e);
        }
    }

    static StoreEntry withKey(TestPki.Issued issued) {
        return new StoreEntry(0, issued.certificate(), issued.privateKey(), BagAttributes.NONE, BagAttributes.NONE);
    }

    static StoreEntry withoutKey(TestPki.Issued issued) {
        return new StoreEntry(0, issued.certificate(), null, BagAttributes.NONE, BagAttributes.NONE);
    }

    static List<StoreEntry> store(StoreEntry... entries) {
        return new ArrayList<>(List.of(entries));
    }
}

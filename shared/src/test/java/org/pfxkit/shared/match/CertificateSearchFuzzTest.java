package org.pfxkit.shared.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERT61String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DERUniversalString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.store.StoreEntry;
import org.pfxkit.shared.testing.FuzzSeeds;
import org.pfxkit.shared.testing.TestPki;

/**
 * Coverage-guided fuzzing of certfind's search (docs/fuzzing.md): a store of one to three certificates whose
 * subjects are random names (random attribute types, string encodings, multi-valued RDNs and values, the part of a
 * name where Windows' quoting, spacing and case rules live) searched with a random needle in every way certfind can.
 * Contract: building a search from the needle either works or refuses it with a PfxkitException meaning bad usage
 * (exit 2); a search never throws; its result lists every certificate once, in store order, and its matches are
 * exactly the certificates whose verdict matched.
 */
class CertificateSearchFuzzTest {
    private static final ASN1ObjectIdentifier[] TYPES = {BCStyle.CN, BCStyle.O, BCStyle.OU, BCStyle.C, BCStyle.L,
        BCStyle.ST, BCStyle.E, BCStyle.DC, BCStyle.SERIALNUMBER, new ASN1ObjectIdentifier("1.2.3.4.5")};
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final TestPki.Issued ROOT = SearchFixtures.root();

    @FuzzTest
    void searchNeverThrowsAndListsEveryCertificate(FuzzedDataProvider data) {
        List<StoreEntry> entries = new ArrayList<>();
        int count = data.consumeInt(1, 3);
        for (int i = 0; i < count; i++) {
            X500Name subject = subject(data);
            String dns = data.consumeAsciiString(30);
            StoreEntry entry = certificate(subject, dns, data.consumeBoolean());
            if (entry != null) {
                entries.add(entry);
            }
        }
        String needle = data.consumeRemainingAsString();
        CertificateIndex index = CertificateIndex.of(entries);
        for (CertificateSearch.Kind kind : CertificateSearch.Kind.values()) {
            CertificateSearch search;
            try {
                search = search(kind, needle);
            } catch (PfxkitException e) {
                FuzzSeeds.assertRefusedAsBadInput(e);
                continue;
            }
            assertListsEveryCertificate(index, search.search(index, NOW));
            assertListsEveryCertificate(index, search.requireKey().search(index, NOW));
        }
    }

    private static CertificateSearch search(CertificateSearch.Kind kind, String needle) throws PfxkitException {
        return switch (kind) {
            case LIST -> CertificateSearch.list();
            case ANY -> CertificateSearch.any();
            case SUBJECT_STR -> CertificateSearch.subjectSubstring(needle);
            case ISSUER_STR -> CertificateSearch.issuerSubstring(needle);
            case SHA1_HASH -> CertificateSearch.sha1(needle);
            case SUBJECT_NAME -> CertificateSearch.subjectName(needle);
            case DNS_NAME -> CertificateSearch.dnsName(needle);
        };
    }

    private static void assertListsEveryCertificate(CertificateIndex index, SearchResult result) {
        assertEquals(index.size(), result.certificates().size());
        List<Verdict> matched = new ArrayList<>();
        for (int i = 0; i < index.size(); i++) {
            Verdict verdict = result.certificates().get(i);
            assertEquals(index.certificates().get(i), verdict.certificate(), "not in store order");
            assertNotNull(verdict.reason());
            if (verdict.matches()) {
                matched.add(verdict);
            }
        }
        assertEquals(matched, result.matches());
        assertEquals(!matched.isEmpty(), result.returned().isPresent());
        result.allHints().forEach(hint -> assertNotNull(hint));
        assertTrue(result.warnings().stream().allMatch(w -> w != null));
        assertNotNull(result.search().describe());
    }

    private static X500Name subject(FuzzedDataProvider data) {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
        int rdns = data.consumeInt(0, 4);
        for (int i = 0; i < rdns; i++) {
            int values = data.consumeInt(1, 2);
            ASN1ObjectIdentifier[] types = new ASN1ObjectIdentifier[values];
            ASN1Encodable[] strings = new ASN1Encodable[values];
            for (int v = 0; v < values; v++) {
                types[v] = data.pickValue(TYPES);
                strings[v] = directoryString(data.consumeInt(0, 5), data.consumeString(24));
            }
            name.addMultiValuedRDN(types, strings);
        }
        return name.build();
    }

    /** The value in one of the string types a certificate may use; types that cannot hold it fall back to UTF8. */
    private static ASN1Encodable directoryString(int type, String value) {
        boolean ascii = value.chars().allMatch(c -> c < 0x80);
        return switch (type) {
            case 0 -> DERPrintableString.isPrintableString(value) ? new DERPrintableString(value)
                    : new DERUTF8String(value);
            case 1 -> value.chars().allMatch(c -> c < 0x10000 && !Character.isSurrogate((char) c))
                    ? new DERBMPString(value) : new DERUTF8String(value);
            case 2 -> ascii ? new DERIA5String(value) : new DERUTF8String(value);
            case 3 -> ascii ? new DERT61String(value) : new DERUTF8String(value);
            case 4 -> new DERUniversalString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            default -> new DERUTF8String(value);
        };
    }

    /**
     * The certificate, or null when the JDK refuses to parse the one BouncyCastle made (some random names are not
     * valid DER for it): such a certificate cannot be in a store that certfind searches.
     */
    private static StoreEntry certificate(X500Name subject, String dns, boolean withKey) {
        TestPki.Spec spec = SearchFixtures.leaf(subject);
        if (!dns.isEmpty()) {
            spec.dns(dns);
        }
        TestPki.Issued issued;
        try {
            issued = ROOT.issue(spec);
        } catch (RuntimeException e) {
            return null;
        }
        return withKey ? SearchFixtures.withKey(issued) : SearchFixtures.withoutKey(issued);
    }
}

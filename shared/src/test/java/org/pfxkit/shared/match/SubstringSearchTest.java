package org.pfxkit.shared.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pfxkit.shared.match.SearchFixtures.leaf;
import static org.pfxkit.shared.match.SearchFixtures.name;
import static org.pfxkit.shared.match.SearchFixtures.root;
import static org.pfxkit.shared.match.SearchFixtures.store;
import static org.pfxkit.shared.match.SearchFixtures.withKey;
import static org.pfxkit.shared.match.SearchFixtures.withoutKey;

import java.util.List;

import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pfxkit.shared.testing.TestPki;

class SubstringSearchTest {
    static TestPki.Issued root;
    static TestPki.Issued hunter;
    static CertificateIndex chainRootFirst;

    @BeforeAll
    static void pki() {
        root = root();
        hunter = root.issue(leaf(name("US", "Example Org", "hunter")).dns("hunter.example.com"));
        chainRootFirst = CertificateIndex.of(store(withoutKey(root), withKey(hunter)));
    }

    private static SearchResult subject(String text) {
        return CertificateSearch.subjectSubstring(text).search(chainRootFirst);
    }

    private static List<Finding.Kind> hintKinds(SearchResult r, int index) {
        return r.certificates().get(index - 1).hints().stream().map(Finding::kind).toList();
    }

    @Test
    void theCommonNameAloneMatches() {
        SearchResult r = subject("hunter");
        assertEquals(2, r.returned().orElseThrow().index());
        assertEquals("subject 'US, Example Org, hunter' contains 'hunter'", r.returned().get().reason());
    }

    @Test
    void aDifferentCaseMatches() {
        assertEquals(2, subject("Hunter").returned().orElseThrow().index());
        assertEquals(2, subject("HUNTER").returned().orElseThrow().index());
    }

    @Test
    void cnEqualsHunterNeverMatchesAndTheHintSaysToDropTheLabel() {
        SearchResult r = subject("CN=hunter");
        assertFalse(r.found());
        assertEquals("subject 'US, Example Org, hunter' does not contain 'CN=hunter'",
                r.certificates().get(1).reason());
        assertTrue(hintKinds(r, 2).contains(Finding.Kind.LABEL_REMOVED), r.allHints().toString());
        assertTrue(r.allHints().stream().anyMatch(h -> h.message().contains("search 'hunter'")));
    }

    @Test
    void anRfc4514StringGetsAHintWithTheEncodedOrder() {
        SearchResult r = subject("CN=hunter, O=Example Org");
        assertFalse(r.found());
        Finding hint = r.certificates().get(1).hints().stream()
                .filter(h -> h.kind() == Finding.Kind.RDN_ORDER).findFirst().orElseThrow();
        assertTrue(hint.message().contains("search 'Example Org, hunter'"), hint.message());
    }

    @Test
    void aTextMaySpanTwoValuesAcrossTheSeparator() {
        assertEquals(2, subject("example org, hunter").returned().orElseThrow().index());
        assertEquals(2, subject("org, hun").returned().orElseThrow().index());
    }

    @Test
    void theFirstMatchInStoreOrderIsReturnedAndAllMatchesAreNumbered() {
        SearchResult r = subject("Example Org");
        assertEquals(List.of(1, 2), r.matches().stream().map(Verdict::index).toList());
        assertEquals(1, r.returned().orElseThrow().index());
    }

    @Test
    void aTextFoundOnlyInTheIssuerGetsAHint() {
        SearchResult r = subject("Root CA");
        assertEquals(List.of(1), r.matches().stream().map(Verdict::index).toList());
        assertTrue(hintKinds(r, 2).contains(Finding.Kind.FOUND_IN_ISSUER));
    }

    @Test
    void aTextFoundOnlyInADnsNameGetsAHint() {
        SearchResult r = subject("hunter.example.com");
        assertFalse(r.found());
        assertTrue(hintKinds(r, 2).contains(Finding.Kind.FOUND_IN_DNS_NAME));
    }

    @Test
    void surroundingSpacesGetAHint() {
        SearchResult r = subject(" hunter ");
        assertFalse(r.found());
        assertTrue(hintKinds(r, 2).contains(Finding.Kind.SURROUNDING_SPACES));
    }

    @Test
    void aDifferentUnicodeNormalisationDoesNotMatchButGetsAHint() {
        TestPki.Issued cafe = TestPki.selfSigned(leaf(name("FR", "Caf\u00e9 SARL", "caf\u00e9")));
        CertificateIndex index = CertificateIndex.of(store(withKey(cafe)));
        SearchResult r = CertificateSearch.subjectSubstring("Cafe\u0301").search(index);
        assertFalse(r.found());
        assertEquals(List.of(Finding.Kind.UNICODE_NORMALISATION),
                r.certificates().get(0).hints().stream().map(Finding::kind).toList());
    }

    @Test
    void nonAsciiTextsMatchCaseInsensitively() {
        TestPki.Issued cyr = TestPki.selfSigned(leaf(name("RU", "Пример", "Охотник")));
        TestPki.Issued cjk = TestPki.selfSigned(leaf(name("CN", "例子", "猎人")));
        TestPki.Issued de = TestPki.selfSigned(leaf(name("DE", "Beispiel", "Straße")));
        CertificateIndex index = CertificateIndex.of(store(withKey(cyr), withKey(cjk), withKey(de)));
        assertEquals(1, CertificateSearch.subjectSubstring("охотник").search(index).returned().orElseThrow().index());
        assertEquals(2, CertificateSearch.subjectSubstring("猎人").search(index).returned().orElseThrow().index());
        assertEquals(3, CertificateSearch.subjectSubstring("STRAßE").search(index).returned().orElseThrow().index());
        // Windows folds one UTF-16 unit at a time: "SS" is not the lower case of "ß".
        assertFalse(CertificateSearch.subjectSubstring("STRASSE").search(index).found());
    }

    @Test
    void anEmptyTextMatchesEveryCertificateLikeAny() {
        SearchResult r = subject("");
        assertEquals(List.of(1, 2), r.matches().stream().map(Verdict::index).toList());
    }

    @Test
    void anEmptySubjectMatchesOnlyTheEmptyText() {
        CertificateIndex index = CertificateIndex.of(store(SearchFixtures.emptySubject(root)));
        assertEquals("", index.certificates().get(0).windowsSubject());
        assertFalse(CertificateSearch.subjectSubstring("e").search(index).found());
        assertTrue(CertificateSearch.subjectSubstring("").search(index).found());
    }

    @Test
    void aTextAtTheEndOfAVeryLongNameIsFound() {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        for (int i = 0; i < 100; i++) {
            b.addRDN(BCStyle.OU, "unit " + i + " " + "y".repeat(50));
        }
        b.addRDN(BCStyle.CN, "needle");
        TestPki.Issued longName = TestPki.selfSigned(leaf(b.build()));
        CertificateIndex index = CertificateIndex.of(store(withKey(longName)));
        assertTrue(index.certificates().get(0).windowsSubject().length() > 5000);
        SearchResult r = CertificateSearch.subjectSubstring("NEEDLE").search(index);
        assertTrue(r.found());
        assertTrue(r.returned().get().reason().length() < 300, "a reason stays one readable line");
    }

    @Test
    void issuerSubstringSearchesTheIssuerName() {
        SearchResult r = CertificateSearch.issuerSubstring("example root").search(chainRootFirst);
        assertEquals(List.of(1, 2), r.matches().stream().map(Verdict::index).toList());
        SearchResult none = CertificateSearch.issuerSubstring("hunter").search(chainRootFirst);
        assertFalse(none.found());
        assertTrue(none.certificates().get(1).hints().stream()
                .anyMatch(h -> h.kind() == Finding.Kind.FOUND_IN_SUBJECT));
    }

    @Test
    void theOnlyMatchWithoutAKeyGetsAStoreHint() {
        SearchResult r = subject("Root");
        assertEquals(List.of(Finding.Kind.ONLY_MATCH_WITHOUT_KEY),
                r.hints().stream().map(Finding::kind).filter(k -> k == Finding.Kind.ONLY_MATCH_WITHOUT_KEY).toList());
    }

    @Test
    void hasKeySkipsMatchesWithoutTheirKey() {
        SearchResult r = CertificateSearch.subjectSubstring("Example").requireKey().search(chainRootFirst);
        assertEquals(2, r.returned().orElseThrow().index());
        assertEquals(hunter.privateKey(), r.returnedEntry().orElseThrow().privateKey());
        assertTrue(r.certificates().get(0).reason().endsWith("but its private key is not in the store"));
    }

    @Test
    void theReturnedMatchThatAServerCannotUseNamesTheFirstUsableMatch() {
        SearchResult r = subject("Example Org");
        assertTrue(r.warnings().stream().anyMatch(w -> w.kind() == Finding.Kind.CA_CERTIFICATE));
        Finding alternative = r.hints().stream().filter(h -> h.kind() == Finding.Kind.USABLE_ALTERNATIVE)
                .findFirst().orElseThrow();
        assertEquals(2, alternative.index());
    }
}

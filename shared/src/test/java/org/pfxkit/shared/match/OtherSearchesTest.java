package org.pfxkit.shared.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pfxkit.shared.match.SearchFixtures.leaf;
import static org.pfxkit.shared.match.SearchFixtures.name;
import static org.pfxkit.shared.match.SearchFixtures.root;
import static org.pfxkit.shared.match.SearchFixtures.store;
import static org.pfxkit.shared.match.SearchFixtures.withKey;
import static org.pfxkit.shared.match.SearchFixtures.withoutKey;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.testing.TestPki;

class OtherSearchesTest {
    static TestPki.Issued root;
    static TestPki.Issued hunter;
    static CertificateIndex index;

    @BeforeAll
    static void pki() {
        root = root();
        hunter = root.issue(leaf(name("US", "Example Org", "hunter")).dns("hunter.example.com", "*.apps.example.com"));
        index = CertificateIndex.of(store(withoutKey(root), withKey(hunter)));
    }

    private static List<Finding.Kind> kinds(List<Finding> findings) {
        return findings.stream().map(Finding::kind).toList();
    }

    @Test
    void anyReturnsTheFirstCertificateInStoreOrderAndWarnsWhenItIsACaWithoutKey() {
        SearchResult r = CertificateSearch.any().search(index);
        assertEquals(1, r.returned().orElseThrow().index());
        assertEquals(List.of(Finding.Kind.CA_CERTIFICATE, Finding.Kind.NO_PRIVATE_KEY), kinds(r.warnings()));
        Finding alternative = r.hints().stream().filter(h -> h.kind() == Finding.Kind.USABLE_ALTERNATIVE)
                .findFirst().orElseThrow();
        assertEquals(2, alternative.index());
        assertTrue(alternative.message().endsWith("a subject search for 'hunter' returns it"), alternative.message());
    }

    @Test
    void theDistinctiveTextSkipsValuesAnEarlierCertificateShares() {
        assertEquals("hunter", CertificateSearch.distinctiveText(index, index.certificates().get(1)));
        assertEquals("Example Root CA", CertificateSearch.distinctiveText(index, index.certificates().get(0)));
        CertificateIndex reversed = CertificateIndex.of(store(withKey(hunter), withoutKey(root)));
        assertEquals("Example Root CA", CertificateSearch.distinctiveText(reversed, reversed.certificates().get(1)));
    }

    @Test
    void anyOnAnEmptyStoreReturnsNothing() {
        assertFalse(CertificateSearch.any().search(List.of()).found());
    }

    @Test
    void anyWarnsAboutAnExpiredCertificate() {
        TestPki.Issued old = root.issue(leaf(name("US", "Example Org", "old")).expired());
        SearchResult r = CertificateSearch.any().search(CertificateIndex.of(store(withKey(old))));
        assertEquals(List.of(Finding.Kind.EXPIRED), kinds(r.warnings()));
    }

    @Test
    void anyWarnsAboutACertificateThatIsNotYetValid() {
        TestPki.Issued future = root.issue(leaf(name("US", "Example Org", "future"))
                .validity(Instant.now().plusSeconds(86_400), Instant.now().plusSeconds(864_000)));
        SearchResult r = CertificateSearch.any().search(CertificateIndex.of(store(withKey(future))));
        assertEquals(List.of(Finding.Kind.NOT_YET_VALID), kinds(r.warnings()));
    }

    @Test
    void anyWarnsWhenTheExtendedKeyUsageExcludesServerAuthentication() {
        TestPki.Issued client = root.issue(leaf(name("US", "Example Org", "client")).clientAuthOnly());
        TestPki.Issued server = root.issue(leaf(name("US", "Example Org", "server")).serverAuth());
        assertEquals(List.of(Finding.Kind.NO_SERVER_AUTH), kinds(CertificateSearch.any()
                .search(CertificateIndex.of(store(withKey(client)))).warnings()));
        assertEquals(List.of(), CertificateSearch.any().search(CertificateIndex.of(store(withKey(server)))).warnings());
    }

    @Test
    void listingMarksEveryCertificateAndReturnsWhatAnyReturns() {
        SearchResult r = CertificateSearch.list().search(index);
        assertEquals(2, r.matches().size());
        assertEquals(1, r.returned().orElseThrow().index());
    }

    @Test
    void sha1AcceptsColonsSpacesLowerCaseAndTheInvisibleMarkCertmgrCopies() throws Exception {
        String hex = index.certificates().get(1).sha1Hex();
        String colons = String.join(":", hex.split("(?<=\\G..)"));
        String spaced = "\u200e" + String.join(" ", hex.toLowerCase().split("(?<=\\G..)"));
        for (String form : List.of(hex, colons, spaced)) {
            SearchResult r = CertificateSearch.sha1(form).search(index);
            assertEquals(2, r.returned().orElseThrow().index(), form);
        }
        assertEquals(HexFormat.of().formatHex(index.certificates().get(1).sha1()).toUpperCase(), hex);
    }

    @Test
    void aThumbprintOfTheWrongLengthIsBadUsage() {
        PfxkitException e = assertThrows(PfxkitException.class, () -> CertificateSearch.sha1("AB:CD"));
        assertEquals(Problem.BAD_USAGE, e.problem());
        assertTrue(e.getMessage().contains("has 4 hex digits"), e.getMessage());
    }

    @Test
    void aThumbprintWithANonHexCharacterIsBadUsage() {
        assertEquals(Problem.BAD_USAGE, assertThrows(PfxkitException.class,
                () -> CertificateSearch.sha1("zz" + "0".repeat(38))).problem());
    }

    @Test
    void aSubjectNameMatchesTheWholeNameCaseInsensitively() throws Exception {
        assertEquals(2, CertificateSearch.subjectName("CN=hunter,O=Example Org,C=US").search(index)
                .returned().orElseThrow().index());
        assertEquals(2, CertificateSearch.subjectName("cn=HUNTER, o=example  org, c=us").search(index)
                .returned().orElseThrow().index());
    }

    @Test
    void aPartOfTheSubjectIsNotASubjectNameMatchAndGetsAHint() throws Exception {
        SearchResult r = CertificateSearch.subjectName("CN=hunter").search(index);
        assertFalse(r.found());
        assertEquals(List.of(Finding.Kind.PARTIAL_NAME), kinds(r.certificates().get(1).hints()));
    }

    @Test
    void aSubjectNameInTheWrongOrderGetsAnOrderHint() throws Exception {
        SearchResult r = CertificateSearch.subjectName("C=US,O=Example Org,CN=hunter").search(index);
        assertFalse(r.found());
        assertEquals(List.of(Finding.Kind.RDN_ORDER), kinds(r.certificates().get(1).hints()));
    }

    @Test
    void aSubjectNameThatIsNotADistinguishedNameIsBadUsage() {
        assertEquals(Problem.BAD_USAGE, assertThrows(PfxkitException.class,
                () -> CertificateSearch.subjectName("hunter")).problem());
    }

    @Test
    void dnsMatchesASanNameCaseInsensitively() throws Exception {
        SearchResult r = CertificateSearch.dnsName("HUNTER.example.com.").search(index);
        assertEquals(List.of(2), r.matches().stream().map(Verdict::index).toList());
    }

    @Test
    void aWildcardMatchesExactlyOneLeftMostLabel() throws Exception {
        assertTrue(CertificateSearch.dnsName("www.apps.example.com").search(index).found());
        assertFalse(CertificateSearch.dnsName("a.b.apps.example.com").search(index).found());
        assertFalse(CertificateSearch.dnsName("apps.example.com").search(index).found());
    }

    @Test
    void wildcardRulesFollowRfc6125AsClientsApplyThem() {
        assertTrue(DnsNameCriterion.matches("*.example.com", "www.example.com"));
        assertFalse(DnsNameCriterion.matches("*.com", "example.com"));
        assertFalse(DnsNameCriterion.matches("w*.example.com", "www.example.com"));
        assertFalse(DnsNameCriterion.matches("www.*.com", "www.example.com"));
        assertTrue(DnsNameCriterion.matches("xn--bcher-kva.example", DnsNameCriterion.aLabels("bücher.example")));
    }

    @Test
    void theCommonNameCountsOnlyWhenThereIsNoSanDnsName() throws Exception {
        TestPki.Issued cnOnly = root.issue(leaf(name("US", "Example Org", "legacy.example.com")));
        TestPki.Issued both = root.issue(leaf(name("US", "Example Org", "cn.example.com")).dns("san.example.com"));
        CertificateIndex two = CertificateIndex.of(store(withKey(cnOnly), withKey(both)));
        SearchResult legacy = CertificateSearch.dnsName("legacy.example.com").search(two);
        assertEquals(1, legacy.returned().orElseThrow().index());
        assertTrue(legacy.returned().get().reason().contains("fallback"));
        assertFalse(CertificateSearch.dnsName("cn.example.com").search(two).found());
    }

    @Test
    void aMalformedAddressIsBadUsageAndNeverLookedUp() {
        assertEquals(Problem.BAD_USAGE, assertThrows(PfxkitException.class,
                () -> CertificateSearch.dnsName("fe80::zz")).problem());
        assertEquals(Problem.BAD_USAGE, assertThrows(PfxkitException.class,
                () -> CertificateSearch.dnsName("")).problem());
    }

    @Test
    void ipAddressesMatchSanIpAddressesInAnyNotation() throws Exception {
        CertificateIndex ips = CertificateIndex.of(store(SearchFixtures.withSan(root, name("US", "Example Org", "ips"),
                new org.bouncycastle.asn1.x509.GeneralName(org.bouncycastle.asn1.x509.GeneralName.iPAddress,
                        "2001:db8::1"),
                new org.bouncycastle.asn1.x509.GeneralName(org.bouncycastle.asn1.x509.GeneralName.iPAddress,
                        "192.0.2.1"))));
        assertTrue(CertificateSearch.dnsName("[2001:DB8:0::1]").search(ips).found());
        assertTrue(CertificateSearch.dnsName("192.0.2.1").search(ips).found());
        assertFalse(CertificateSearch.dnsName("192.0.2.2").search(ips).found());
    }

    @Test
    void anIpAddressIsComparedWithSanIpAddressesOnly() throws Exception {
        SearchResult r = CertificateSearch.dnsName("192.0.2.1").search(index);
        assertFalse(r.found());
        assertTrue(r.certificates().get(1).reason().contains("no SAN IP address"));
    }
}

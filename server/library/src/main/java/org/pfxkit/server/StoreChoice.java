package org.pfxkit.server;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.keys.ChainOrder;
import org.pfxkit.shared.keys.KeyMaterial;
import org.pfxkit.shared.match.CertificateSearch;
import org.pfxkit.shared.match.Finding;
import org.pfxkit.shared.match.IndexedCertificate;
import org.pfxkit.shared.match.SearchResult;
import org.pfxkit.shared.match.Verdict;
import org.pfxkit.shared.store.StoreEntry;

/**
 * Chooses the server's certificate from a store with certfind's matcher: the certificate Windows'
 * CertFindCertificateInStore returns (the first match in enumeration order), with the matcher's reasons, warnings and
 * hints as the explanation. Where Windows would hand back a certificate a server cannot use (no private key, expired,
 * not yet valid), the server refuses to start and says which certificate and why, instead of failing every handshake.
 */
final class StoreChoice {
    private StoreChoice() {
    }

    static CertificateSearch search(CertificateSelector selector) throws PfxkitException {
        CertificateSelector s = selector == null ? CertificateSelector.any() : selector;
        return switch (s.kind()) {
            case SUBJECT_SUBSTRING -> CertificateSearch.subjectSubstring(s.argument());
            case ANY -> CertificateSearch.any();
            case SHA1 -> CertificateSearch.sha1(s.argument());
        };
    }

    /** {@code entries} in the store's enumeration order; {@code storeName} as messages should name it. */
    static ChosenCertificate choose(List<StoreEntry> entries, String storeName, CertificateSelector selector,
                                    String certfindHint) throws PfxkitException {
        CertificateSearch search = search(selector);
        Instant now = Instant.now();
        SearchResult result = search.search(entries);
        if (!result.found()) {
            String hint = result.allHints().isEmpty() ? "see every certificate and why it does not match: "
                    + certfindHint : result.allHints().get(0).message() + "; details: " + certfindHint;
            throw new PfxkitException(Problem.NO_MATCHING_CERTIFICATE, "no certificate in " + storeName
                    + " matches the " + search.describe() + " (" + entries.size() + " certificate"
                    + (entries.size() == 1 ? "" : "s") + " searched)", hint);
        }
        Verdict returned = result.returned().orElseThrow();
        IndexedCertificate chosen = returned.certificate();
        String who = "#" + chosen.index() + " '" + chosen.windowsSubject() + "'";
        List<String> explanation = new ArrayList<>();
        explanation.add("the " + search.describe() + " returns " + who + " from " + storeName + ": "
                + returned.reason());
        if (result.matches().size() > 1) {
            explanation.add("it is the first of " + result.matches().size() + " matches in Windows' enumeration "
                    + "order, the one CertFindCertificateInStore returns");
        }
        for (Finding warning : result.warnings()) {
            explanation.add("warning: " + warning.message());
        }
        for (Finding hint : result.hints()) {
            explanation.add("hint: " + hint.message());
        }
        String alternative = result.hints().stream().filter(h -> h.kind() == Finding.Kind.USABLE_ALTERNATIVE)
                .map(Finding::message).findFirst().orElse(null);
        if (!chosen.hasPrivateKey()) {
            throw new PfxkitException(Problem.CERTIFICATE_HAS_NO_KEY, "the " + search.describe() + " returns " + who
                    + " from " + storeName + ", and its private key is not in the store: a server cannot use it",
                    alternative != null ? alternative : "export the certificate with its private key (a PFX with "
                            + "the key), or search for one that has it; details: " + certfindHint);
        }
        X509Certificate certificate = chosen.certificate();
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            throw new PfxkitException(Problem.CERTIFICATE_EXPIRED, "the " + search.describe() + " returns " + who
                    + " from " + storeName + ", which expired on " + certificate.getNotAfter().toInstant(),
                    alternative != null ? alternative : "renew it, or search for a certificate that is valid");
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            throw new PfxkitException(Problem.CERTIFICATE_NOT_YET_VALID, "the " + search.describe() + " returns "
                    + who + " from " + storeName + ", which is not valid before "
                    + certificate.getNotBefore().toInstant(), alternative != null ? alternative
                    : "check the machine's clock, or search for a certificate that is valid now");
        }
        List<X509Certificate> all = new ArrayList<>();
        for (StoreEntry e : entries) {
            all.add(e.certificate());
        }
        List<X509Certificate> chain = ChainOrder.order(certificate, all).chain();
        return new ChosenCertificate(new KeyMaterial(chosen.entry().privateKey(), chain), storeName, explanation);
    }
}

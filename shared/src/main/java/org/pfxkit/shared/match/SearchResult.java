package org.pfxkit.shared.match;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.pfxkit.shared.store.StoreEntry;

/**
 * The outcome of one search over a store, in store order.
 *
 * @param search       what was searched
 * @param certificates every certificate in store order with its verdict
 * @param matches      the matching certificates in store order: what a loop calling CertFindCertificateInStore with
 *                     the previous result as pPrevCertContext visits (match number n is {@code matches.get(n - 1)})
 * @param hints        store-wide hints (per-certificate hints are in each {@link Verdict})
 * @param warnings     why the returned certificate cannot serve TLS
 */
public record SearchResult(CertificateSearch search, List<Verdict> certificates, List<Verdict> matches,
                           List<Finding> hints, List<Finding> warnings) {
    public SearchResult {
        certificates = List.copyOf(certificates);
        matches = List.copyOf(matches);
        hints = List.copyOf(hints);
        warnings = List.copyOf(warnings);
    }

    /** The certificate CertFindCertificateInStore returns with pPrevCertContext NULL: the first match. */
    public Optional<Verdict> returned() {
        return matches.isEmpty() ? Optional.empty() : Optional.of(matches.get(0));
    }

    /** The returned certificate's store entry (certificate and private key), for a server choosing its certificate. */
    public Optional<StoreEntry> returnedEntry() {
        return returned().map(v -> v.certificate().entry());
    }

    public boolean found() {
        return !matches.isEmpty();
    }

    /** Every hint: store-wide first, then each certificate's in store order. */
    public List<Finding> allHints() {
        return Stream.concat(hints.stream(), certificates.stream().flatMap(v -> v.hints().stream())).toList();
    }
}

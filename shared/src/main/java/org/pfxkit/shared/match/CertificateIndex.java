package org.pfxkit.shared.match;

import java.util.ArrayList;
import java.util.List;

import org.pfxkit.shared.store.StoreEntry;

/**
 * The certificates of a store in the order a search visits them (for a PFX: Windows' enumeration order, see
 * {@code Keystore.enumerationOrder()}), each indexed once. Build it once and run any number of searches on it.
 */
public final class CertificateIndex {
    private final List<IndexedCertificate> certificates;

    private CertificateIndex(List<IndexedCertificate> certificates) {
        this.certificates = List.copyOf(certificates);
    }

    /** Indexes the entries in the given order; index 1 is the first entry. */
    public static CertificateIndex of(List<StoreEntry> entriesInSearchOrder) {
        List<IndexedCertificate> indexed = new ArrayList<>(entriesInSearchOrder.size());
        for (StoreEntry entry : entriesInSearchOrder) {
            indexed.add(new IndexedCertificate(indexed.size() + 1, entry));
        }
        return new CertificateIndex(indexed);
    }

    public List<IndexedCertificate> certificates() {
        return certificates;
    }

    public int size() {
        return certificates.size();
    }
}

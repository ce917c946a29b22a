package org.pfxkit.shared.match;

import java.util.List;

/** One kind of CertFindCertificateInStore comparison, applied to each certificate in store order. */
interface Criterion {
    Evaluation evaluate(IndexedCertificate certificate);

    /** Hints for a certificate this criterion rejected. */
    default List<Finding> hints(IndexedCertificate certificate) {
        return List.of();
    }
}

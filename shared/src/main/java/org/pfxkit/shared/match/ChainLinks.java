package org.pfxkit.shared.match;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Which certificate of a store issued which: certificate B issued A when A's issuer name equals B's subject name
 * (encoded bytes, as CertCompareCertificateName compares them) and A's signature verifies with B's public key
 * (RFC 5280 6.1.3 (a)(1) and (a)(4)). Self-signed certificates link to themselves.
 */
public final class ChainLinks {
    private final List<List<Integer>> issuers;

    private ChainLinks(List<List<Integer>> issuers) {
        this.issuers = issuers;
    }

    public static ChainLinks of(CertificateIndex index) {
        List<List<Integer>> issuers = new ArrayList<>(index.size());
        for (IndexedCertificate child : index.certificates()) {
            List<Integer> found = new ArrayList<>();
            byte[] issuerName = child.certificate().getIssuerX500Principal().getEncoded();
            for (IndexedCertificate parent : index.certificates()) {
                if (Arrays.equals(issuerName, parent.certificate().getSubjectX500Principal().getEncoded())
                        && verifies(child.certificate(), parent.certificate())) {
                    found.add(parent.index());
                }
            }
            issuers.add(List.copyOf(found));
        }
        return new ChainLinks(List.copyOf(issuers));
    }

    private static boolean verifies(X509Certificate child, X509Certificate parent) {
        try {
            child.verify(parent.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            // A name match without a valid signature is no link; unsupported algorithms count as no link too.
            return false;
        }
    }

    /** The 1-based indexes of the certificates in the store that issued the one at {@code index}. */
    public List<Integer> issuersOf(int index) {
        return issuers.get(index - 1);
    }

    /** The 1-based indexes of the certificates the one at {@code index} issued (itself excluded). */
    public List<Integer> issuedBy(int index) {
        return IntStream.rangeClosed(1, issuers.size()).filter(i -> i != index && issuersOf(i).contains(index))
                .boxed().toList();
    }

    public boolean selfSigned(int index) {
        return issuersOf(index).contains(index);
    }
}

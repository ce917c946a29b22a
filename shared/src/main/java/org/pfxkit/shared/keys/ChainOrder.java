package org.pfxkit.shared.keys;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/**
 * Orders certificates as a chain from a leaf: each next certificate is the issuer of the previous one by name
 * (subject = issuer) and, when both carry them, by key identifier (SKI = AKI), as RFC 5280 6.1 and 4.2.1.1 describe
 * path building. Exact duplicates are dropped; certificates that do not link are returned apart, in input order.
 * Signatures are not verified: this orders what the user gave, it does not decide trust.
 */
public final class ChainOrder {
    private ChainOrder() {
    }

    /**
     * @param chain     the leaf, then its issuers as far as they were given, the root last when present
     * @param unrelated the certificates given that are not in that chain (duplicates removed)
     */
    public record Result(List<X509Certificate> chain, List<X509Certificate> unrelated) {
        public Result {
            chain = List.copyOf(chain);
            unrelated = List.copyOf(unrelated);
        }
    }

    public static Result order(X509Certificate leaf, Collection<X509Certificate> others) {
        List<X509Certificate> pool = new ArrayList<>();
        for (X509Certificate candidate : others) {
            // Certificate.equals compares the encodings: this drops exact duplicates only.
            if (!candidate.equals(leaf) && !pool.contains(candidate)) {
                pool.add(candidate);
            }
        }
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        X509Certificate current = leaf;
        while (!isSelfIssued(current)) {
            X509Certificate issuer = bestIssuer(current, pool);
            if (issuer == null) {
                break;
            }
            chain.add(issuer);
            pool.remove(issuer);
            current = issuer;
        }
        return new Result(chain, pool);
    }

    /** True when {@code issuer} could have issued {@code child}: names agree, and key identifiers where both have one. */
    public static boolean issued(X509Certificate issuer, X509Certificate child) {
        if (!issuer.getSubjectX500Principal().equals(child.getIssuerX500Principal())) {
            return false;
        }
        byte[] aki = keyId(child, Extension.authorityKeyIdentifier);
        byte[] ski = keyId(issuer, Extension.subjectKeyIdentifier);
        return aki == null || ski == null || Arrays.equals(aki, ski);
    }

    /** A root (or a self-issued certificate): its issuer is itself, by name and, when present, key identifier. */
    static boolean isSelfIssued(X509Certificate certificate) {
        return issued(certificate, certificate);
    }

    /**
     * Among the candidates that could have issued {@code child}, prefer a key-identifier match over a name-only one
     * (a re-keyed or cross-signed CA has several certificates with one name), then one valid today, then one whose own
     * issuer was also given (it uses more of what the user gave), then a self-signed root over a cross-signed copy
     * whose issuer is missing, then the later expiry.
     */
    private static X509Certificate bestIssuer(X509Certificate child, List<X509Certificate> pool) {
        byte[] aki = keyId(child, Extension.authorityKeyIdentifier);
        Date now = new Date();
        X509Certificate best = null;
        int bestScore = -1;
        for (X509Certificate candidate : pool) {
            if (!issued(candidate, child)) {
                continue;
            }
            int score = score(candidate, aki, now, pool);
            if (score > bestScore || score == bestScore && candidate.getNotAfter().after(best.getNotAfter())) {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    /** The preferences above as bits, most important highest (plain code: no lambda start-up on this path). */
    private static int score(X509Certificate candidate, byte[] aki, Date now, List<X509Certificate> pool) {
        boolean keyIdMatch = aki != null && Arrays.equals(aki, keyId(candidate, Extension.subjectKeyIdentifier));
        boolean validNow = !now.before(candidate.getNotBefore()) && !now.after(candidate.getNotAfter());
        boolean selfIssued = isSelfIssued(candidate);
        boolean chainsFurther = false;
        for (int i = 0; i < pool.size() && !selfIssued && !chainsFurther; i++) {
            chainsFurther = pool.get(i) != candidate && issued(pool.get(i), candidate);
        }
        return (keyIdMatch ? 8 : 0) | (validNow ? 4 : 0) | (chainsFurther ? 2 : 0) | (selfIssued ? 1 : 0);
    }

    /**
     * The keyIdentifier of a SubjectKeyIdentifier (RFC 5280 4.2.1.2) or AuthorityKeyIdentifier (4.2.1.1) extension;
     * null when absent or unreadable: chain building then falls back to names.
     */
    private static byte[] keyId(X509Certificate certificate, ASN1ObjectIdentifier extension) {
        byte[] value = certificate.getExtensionValue(extension.getId());
        try {
            byte[] octets = value == null ? null : ASN1OctetString.getInstance(value).getOctets();
            return octets == null ? null : extension.equals(Extension.authorityKeyIdentifier)
                    ? AuthorityKeyIdentifier.getInstance(octets).getKeyIdentifier()
                    : SubjectKeyIdentifier.getInstance(octets).getKeyIdentifier();
        } catch (RuntimeException e) {
            // BouncyCastle reports malformed DER with unchecked exceptions.
            return null;
        }
    }
}

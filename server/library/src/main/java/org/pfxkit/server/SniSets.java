package org.pfxkit.server;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/**
 * The echo server's certificate sets after the first (the default): each is served for the DNS names in its
 * certificate's subjectAltName. A name already served by an earlier set stays with it, so the order of the options
 * decides. Wildcards follow RFC 6125 section 6.4.3 as TlsContexts matches them: {@code *.example.com} stands for
 * exactly one left-most label; a partial wildcard ({@code w*.example.com}) is not used, as browsers do not.
 */
final class SniSets {
    private SniSets() {
    }

    /**
     * Name (lower case) to the set serving it, in option order; the default set's own names are left to it ({@code
     * first}, null when there is no default).
     */
    static Map<String, ChosenCertificate> byName(ChosenCertificate first, List<ChosenCertificate> others)
            throws PfxkitException {
        Set<String> taken = new LinkedHashSet<>();
        if (first != null) {
            taken.addAll(dnsNames(first.material().leaf()));
        }
        Map<String, ChosenCertificate> result = new LinkedHashMap<>();
        for (ChosenCertificate set : others) {
            X509Certificate leaf = set.material().leaf();
            List<String> names = dnsNames(leaf);
            boolean added = false;
            for (String name : names) {
                if (taken.add(name)) {
                    result.put(name, set);
                    added = true;
                }
            }
            if (!added) {
                throw new PfxkitException(Problem.BAD_USAGE, "the certificate '" + leaf.getSubjectX500Principal()
                        .getName() + "' from " + set.source() + (names.isEmpty()
                        ? " has no DNS name in its subjectAltName, so no SNI name would choose it"
                        : " serves only names an earlier set already serves (" + String.join(", ", names) + ")"),
                        "give each --pfx or --key/--cert set a certificate for names of its own; the first set is "
                                + "the default for every other name");
            }
        }
        return result;
    }

    /** The usable dNSName entries of the subjectAltName (RFC 5280 GeneralName 2), lower case. */
    static List<String> dnsNames(X509Certificate certificate) throws PfxkitException {
        Collection<List<?>> san;
        try {
            san = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new PfxkitException(Problem.BAD_USAGE, "cannot read the subjectAltName of '"
                    + certificate.getSubjectX500Principal().getName() + "': " + e.getMessage(),
                    "reissue the certificate with a well-formed subjectAltName", e);
        }
        List<String> names = new ArrayList<>();
        if (san == null) {
            return names;
        }
        for (List<?> entry : san) {
            if (Integer.valueOf(2).equals(entry.get(0)) && entry.get(1) instanceof String name) {
                String lower = name.toLowerCase(Locale.ROOT);
                int star = lower.indexOf('*');
                boolean usable = star < 0 || (star == 0 && lower.startsWith("*.") && lower.indexOf('*', 1) < 0);
                if (usable && !names.contains(lower)) {
                    names.add(lower);
                }
            }
        }
        return names;
    }
}

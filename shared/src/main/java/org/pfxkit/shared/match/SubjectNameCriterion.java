package org.pfxkit.shared.match;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.text.Normalizer;

import javax.security.auth.x500.X500Principal;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/**
 * CERT_FIND_SUBJECT_NAME: a whole-name match. Windows compares the encoded names byte for byte
 * ({@code CertCompareCertificateName}, Wine dlls/crypt32/cert.c {@code compare_cert_by_name}), with a name blob the
 * caller usually builds with {@code CertStrToName}. A string cannot carry the value types of the certificate's
 * encoding (PrintableString or UTF8String), so here the user's RFC 4514 string is parsed and compared attribute by
 * attribute: same RDNs in the same order, the same types, values equal after NFKC, case folding and white-space
 * collapsing (the spirit of RFC 4518 string preparation). docs/matching.md explains where Windows' byte comparison
 * can differ.
 */
final class SubjectNameCriterion implements Criterion {
    /** Keywords beyond the JDK's RFC 2253/1779 set that Windows and openssl print (E=, S=, emailAddress=, ...). */
    private static final Map<String, String> KEYWORDS = Map.ofEntries(
            Map.entry("E", "1.2.840.113549.1.9.1"), Map.entry("EMAIL", "1.2.840.113549.1.9.1"),
            Map.entry("EMAILADDRESS", "1.2.840.113549.1.9.1"), Map.entry("S", "2.5.4.8"),
            Map.entry("SERIALNUMBER", "2.5.4.5"), Map.entry("TITLE", "2.5.4.12"), Map.entry("G", "2.5.4.42"),
            Map.entry("GN", "2.5.4.42"), Map.entry("GIVENNAME", "2.5.4.42"), Map.entry("SN", "2.5.4.4"),
            Map.entry("SURNAME", "2.5.4.4"), Map.entry("INITIALS", "2.5.4.43"), Map.entry("POSTALCODE", "2.5.4.17"),
            Map.entry("ORGANIZATIONIDENTIFIER", "2.5.4.97"));

    private final String input;
    private final String rfc4514;
    private final List<List<String>> wanted;

    private SubjectNameCriterion(String input, List<List<NameAttribute>> rdns) {
        this.input = input;
        this.rfc4514 = Rfc4514Names.of(rdns);
        this.wanted = normalise(rdns);
    }

    static SubjectNameCriterion parse(String name) throws PfxkitException {
        try {
            X500Principal principal = new X500Principal(name, KEYWORDS);
            return new SubjectNameCriterion(name, NameAttribute.decode(principal.getEncoded()));
        } catch (IllegalArgumentException e) {
            throw new PfxkitException(Problem.BAD_USAGE, "'" + name + "' is not a distinguished name: "
                    + e.getMessage(), "write it as RFC 4514, e.g. 'CN=hunter,O=Example Org,C=US'");
        }
    }

    @Override
    public Evaluation evaluate(IndexedCertificate c) {
        if (normalise(c.subjectRdns()).equals(wanted)) {
            return Evaluation.yes("subject " + Show.quote(c.subject()) + " equals " + Show.quote(input)
                    + " (compared attribute by attribute, case-insensitively)");
        }
        return Evaluation.no("subject " + Show.quote(c.subject()) + " is not " + Show.quote(rfc4514));
    }

    @Override
    public List<Finding> hints(IndexedCertificate c) {
        List<List<String>> have = normalise(c.subjectRdns());
        List<String> haveAll = flatten(have);
        List<String> wantedAll = flatten(wanted);
        int i = c.index();
        if (haveAll.equals(wantedAll)) {
            return List.of(new Finding(Finding.Kind.RDN_ORDER, i, "#" + i + ": has the same attributes in another "
                    + "order or grouping: " + Show.quote(c.subject())));
        }
        if (haveAll.containsAll(wantedAll)) {
            return List.of(new Finding(Finding.Kind.PARTIAL_NAME, i, "#" + i + ": " + Show.quote(rfc4514)
                    + " is only part of its subject " + Show.quote(c.subject())
                    + "; --subject-name needs the whole name (--subject searches for a part)"));
        }
        return List.of();
    }

    private static List<String> flatten(List<List<String>> rdns) {
        return rdns.stream().flatMap(List::stream).sorted().toList();
    }

    /** Each RDN as its sorted "oid=prepared value" strings: a multi-valued RDN's order does not count. */
    private static List<List<String>> normalise(List<List<NameAttribute>> rdns) {
        return rdns.stream().map(rdn -> rdn.stream()
                .map(a -> a.oid() + "=" + (a.hex() ? a.text() : prepare(a.text()))).sorted().toList()).toList();
    }

    private static String prepare(String value) {
        String nfkc = Normalizer.normalize(value, Normalizer.Form.NFKC);
        return nfkc.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}

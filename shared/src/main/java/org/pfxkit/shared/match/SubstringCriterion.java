package org.pfxkit.shared.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CERT_FIND_SUBJECT_STR / CERT_FIND_ISSUER_STR: the name rendered as CertNameToStrW(CERT_SIMPLE_NAME_STR), both it
 * and the search text lower-cased, then a plain substring test (Wine dlls/crypt32/cert.c
 * {@code compare_cert_by_name_str}: {@code wcslwr} + {@code wcsstr}; Microsoft's CertFindCertificateInStore:
 * "a case-insensitive substring-within-a-string match"). The hints look for what the user probably meant.
 */
final class SubstringCriterion implements Criterion {
    /** "CN=", "O =", "emailAddress=", "OID.2.5.4.3=", "2.5.4.3=": labels Windows' simple form never contains. */
    private static final Pattern LABEL = Pattern.compile(
            "(?i)(?<![\\p{L}\\p{N}._-])(?:CN|O|OU|C|L|S|ST|STREET|E|EMAIL|EMAILADDRESS|DC|UID|T|TITLE|SN|G|GN"
                    + "|GIVENNAME|SURNAME|SERIALNUMBER|INITIALS|POSTALCODE|OID\\.[0-9.]+|[0-9]+(?:\\.[0-9]+)+)\\s*=\\s*");

    private final boolean subject;
    private final String text;
    private final String folded;
    // Derived from the text once, for the hints: never per certificate.
    private final String stripped;
    private final String normalised;
    private final String withoutLabels;
    private final String reversedWithoutLabels;

    SubstringCriterion(boolean subject, String text) {
        this.subject = subject;
        this.text = text;
        this.folded = IndexedCertificate.fold(text);
        this.stripped = text.strip();
        this.normalised = IndexedCertificate.normaliseAndFold(text);
        List<String> parts = !LABEL.matcher(text).find() ? List.of()
                : Arrays.stream(LABEL.matcher(text).replaceAll("").strip().split("\\s*[,;]\\s*"))
                        .filter(p -> !p.isEmpty()).toList();
        this.withoutLabels = parts.isEmpty() ? null : String.join(", ", parts);
        this.reversedWithoutLabels = parts.size() > 1 ? String.join(", ", parts.reversed()) : null;
    }

    private String what() {
        return subject ? "subject" : "issuer";
    }

    private String searched(IndexedCertificate c) {
        return subject ? c.subjectFolded() : c.issuerFolded();
    }

    private String shown(IndexedCertificate c) {
        return subject ? c.windowsSubject() : c.windowsIssuer();
    }

    @Override
    public Evaluation evaluate(IndexedCertificate c) {
        if (folded.isEmpty()) {
            // wcsstr(s, L"") returns s: an empty text matches every certificate, like 'any'.
            return Evaluation.yes("an empty search text matches every " + what());
        }
        if (searched(c).contains(folded)) {
            return Evaluation.yes(what() + " " + Show.quote(shown(c)) + " contains " + Show.quote(text));
        }
        return Evaluation.no(what() + " " + Show.quote(shown(c)) + " does not contain " + Show.quote(text));
    }

    @Override
    public List<Finding> hints(IndexedCertificate c) {
        List<Finding> hints = new ArrayList<>();
        int i = c.index();
        String other = subject ? c.issuerFolded() : c.subjectFolded();
        if (other.contains(folded)) {
            String otherName = subject ? c.windowsIssuer() : c.windowsSubject();
            hints.add(new Finding(subject ? Finding.Kind.FOUND_IN_ISSUER : Finding.Kind.FOUND_IN_SUBJECT, i,
                    "#" + i + ": " + Show.quote(text) + " is in its " + (subject ? "issuer" : "subject") + " "
                            + Show.quote(otherName) + ", not in its " + what()
                            + (subject ? " (it was issued by a matching CA)" : "")));
        }
        if (subject) {
            c.dnsNames().stream().filter(dns -> IndexedCertificate.fold(dns).contains(folded)).findFirst()
                    .ifPresent(dns -> hints.add(new Finding(Finding.Kind.FOUND_IN_DNS_NAME, i, "#" + i + ": "
                            + Show.quote(text) + " is only in its SAN DNS name " + Show.quote(dns)
                            + "; a subject search does not look at DNS names (try --dns)")));
        }
        labelHints(c, hints);
        if (!stripped.isEmpty() && !stripped.equals(text) && searched(c).contains(IndexedCertificate.fold(stripped))) {
            hints.add(new Finding(Finding.Kind.SURROUNDING_SPACES, i, "#" + i + ": matches without the surrounding "
                    + "spaces: search " + Show.quote(stripped)));
        }
        if (!normalised.isEmpty() && IndexedCertificate.normaliseAndFold(shown(c)).contains(normalised)) {
            hints.add(new Finding(Finding.Kind.UNICODE_NORMALISATION, i, "#" + i + ": matches only after Unicode "
                    + "normalisation (NFKC): the certificate and the search text write the same characters with "
                    + "different code points; Windows compares code units as they are"));
        }
        return hints;
    }

    private void labelHints(IndexedCertificate c, List<Finding> hints) {
        int i = c.index();
        if (withoutLabels != null && searched(c).contains(IndexedCertificate.fold(withoutLabels))) {
            hints.add(new Finding(Finding.Kind.LABEL_REMOVED, i, "#" + i + ": matches without the attribute labels"
                    + ": search " + Show.quote(withoutLabels) + " (Windows compares the values only, never 'CN=')"));
        } else if (reversedWithoutLabels != null
                && searched(c).contains(IndexedCertificate.fold(reversedWithoutLabels))) {
            hints.add(new Finding(Finding.Kind.RDN_ORDER, i, "#" + i + ": matches without the labels and in the"
                    + " encoded order: search " + Show.quote(reversedWithoutLabels) + " (Windows lists RDNs in"
                    + " encoded order, the reverse of an RFC 4514 string)"));
        }
    }
}

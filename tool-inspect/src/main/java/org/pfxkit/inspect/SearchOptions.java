package org.pfxkit.inspect;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.match.CertificateSearch;

import picocli.CommandLine.Option;

/** The search options; at most one may be given (without one, certfind lists the store). */
final class SearchOptions {
    @Option(names = "--subject", paramLabel = "TEXT", description = "Subject substring, as CertFindCertificateInStore"
            + " CERT_FIND_SUBJECT_STR and TWAPI's subject_substring: TEXT anywhere in the Windows form of the "
            + "subject (values only, no CN= labels), case-insensitive.")
    String subject;

    @Option(names = "--any", description = "CERT_FIND_ANY: the first certificate in store order.")
    boolean any;

    @Option(names = "--issuer", paramLabel = "TEXT", description = "Issuer substring (CERT_FIND_ISSUER_STR).")
    String issuer;

    @Option(names = "--sha1", paramLabel = "HEX", description = "SHA-1 thumbprint (CERT_FIND_SHA1_HASH); any case, "
            + "spaces or colons allowed.")
    String sha1;

    @Option(names = "--subject-name", paramLabel = "DN", description = "The whole subject name as an RFC 4514 string"
            + " (CERT_FIND_SUBJECT_NAME), compared attribute by attribute, case-insensitively.")
    String subjectName;

    @Option(names = "--dns", paramLabel = "HOST", description = "Certificates a TLS client accepts for HOST: SAN DNS "
            + "names with RFC 6125 wildcards (the CN only without SAN DNS names); an IP address checks SAN IPs.")
    String dns;

    CertificateSearch toSearch() throws PfxkitException {
        if (subject != null) {
            return CertificateSearch.subjectSubstring(subject);
        }
        if (issuer != null) {
            return CertificateSearch.issuerSubstring(issuer);
        }
        if (sha1 != null) {
            return CertificateSearch.sha1(sha1);
        }
        if (subjectName != null) {
            return CertificateSearch.subjectName(subjectName);
        }
        if (dns != null) {
            return CertificateSearch.dnsName(dns);
        }
        return any ? CertificateSearch.any() : CertificateSearch.list();
    }

    /** The option as the user typed it, for the answer line: {@code --subject 'Example Org'}. */
    String asOption() {
        if (subject != null) {
            return "--subject " + shellQuote(subject);
        }
        if (issuer != null) {
            return "--issuer " + shellQuote(issuer);
        }
        if (sha1 != null) {
            return "--sha1 " + shellQuote(sha1);
        }
        if (subjectName != null) {
            return "--subject-name " + shellQuote(subjectName);
        }
        if (dns != null) {
            return "--dns " + shellQuote(dns);
        }
        return any ? "--any" : "listing ('any')";
    }

    static String shellQuote(String text) {
        if (!text.isEmpty() && text.matches("[A-Za-z0-9@%+=:,./_-]+")) {
            return text;
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }
}

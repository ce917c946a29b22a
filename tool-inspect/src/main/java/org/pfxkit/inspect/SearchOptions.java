package org.pfxkit.inspect;

import java.util.List;

import org.pfxkit.cli.CommandModel;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.match.CertificateSearch;

import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The search options, an exclusive group: at most one may be given (without one, certfind lists the store). */
final class SearchOptions {
    private final OptionSpec subject = CommandModel.option("--subject", "TEXT", String.class, "Subject substring, as "
            + "CertFindCertificateInStore CERT_FIND_SUBJECT_STR and TWAPI's subject_substring: TEXT anywhere in the "
            + "Windows form of the subject (values only, no CN= labels), case-insensitive.").build();
    private final OptionSpec any = CommandModel.flag("--any",
            "CERT_FIND_ANY: the first certificate in store order.");
    private final OptionSpec issuer = CommandModel.option("--issuer", "TEXT", String.class,
            "Issuer substring (CERT_FIND_ISSUER_STR).").build();
    private final OptionSpec sha1 = CommandModel.option("--sha1", "HEX", String.class, "SHA-1 thumbprint "
            + "(CERT_FIND_SHA1_HASH); any case, spaces or colons allowed.").build();
    private final OptionSpec subjectName = CommandModel.option("--subject-name", "DN", String.class, "The whole "
            + "subject name as an RFC 4514 string (CERT_FIND_SUBJECT_NAME), compared attribute by attribute, "
            + "case-insensitively.").build();
    private final OptionSpec dns = CommandModel.option("--dns", "HOST", String.class, "Certificates a TLS client "
            + "accepts for HOST: SAN DNS names with RFC 6125 wildcards (the CN only without SAN DNS names); an IP "
            + "address checks SAN IPs.").build();

    /** The group, for the command's model. */
    ArgGroupSpec group() {
        return ArgGroupSpec.builder().exclusive(true).multiplicity("0..1")
                .heading("%nSearch (one at most; none lists the store):%n")
                .addArg(subject).addArg(any).addArg(issuer).addArg(sha1).addArg(subjectName).addArg(dns).build();
    }

    CertificateSearch toSearch() throws PfxkitException {
        String subject = this.subject.getValue();
        String issuer = this.issuer.getValue();
        String sha1 = this.sha1.getValue();
        String subjectName = this.subjectName.getValue();
        String dns = this.dns.getValue();
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
        return CommandModel.isSet(any) ? CertificateSearch.any() : CertificateSearch.list();
    }

    /** The option as the user typed it, for the answer line: {@code --subject 'Example Org'}. */
    String asOption() {
        for (OptionSpec option : List.of(subject, issuer, sha1, subjectName, dns)) {
            if (option.getValue() != null) {
                return option.longestName() + " " + shellQuote(option.getValue());
            }
        }
        return CommandModel.isSet(any) ? "--any" : "listing ('any')";
    }

    static String shellQuote(String text) {
        if (!text.isEmpty() && text.matches("[A-Za-z0-9@%+=:,./_-]+")) {
            return text;
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }
}

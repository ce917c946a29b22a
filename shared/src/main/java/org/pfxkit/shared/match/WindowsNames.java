package org.pfxkit.shared.match;

import java.util.List;
import java.util.stream.Collectors;

import javax.security.auth.x500.X500Principal;

/**
 * Renders a distinguished name exactly as Windows' {@code CertNameToStrW(X509_ASN_ENCODING, name,
 * CERT_SIMPLE_NAME_STR)} does: the string {@code CertFindCertificateInStore} searches for
 * {@code CERT_FIND_SUBJECT_STR} and {@code CERT_FIND_ISSUER_STR}. Every rule and its source is in docs/matching.md.
 * <ul>
 * <li>attribute values only, no {@code CN=} labels;</li>
 * <li>RDNs in their encoded order, so {@code C=US, O=Example Org, CN=hunter} (encoded C first, as openssl writes
 *     {@code /C=US/O=Example Org/CN=hunter}) becomes {@code US, Example Org, hunter}; RFC 4514 strings list them the
 *     other way round;</li>
 * <li>", " between RDNs and " + " between the values of a multi-valued RDN;</li>
 * <li>a value is quoted with {@code "} when it is empty, starts or ends with white space, or contains one of
 *     {@code , + = " \n < > # ;}; an embedded {@code "} is doubled;</li>
 * <li>values that are not character strings are shown in hex ({@code #0A56CF}).</li>
 * </ul>
 */
public final class WindowsNames {
    private WindowsNames() {
    }

    /** The CERT_SIMPLE_NAME_STR form of a name. */
    public static String simple(X500Principal name) {
        return simple(name.getEncoded());
    }

    /** The CERT_SIMPLE_NAME_STR form of a DER-encoded name. */
    public static String simple(byte[] encodedName) {
        return simple(NameAttribute.decode(encodedName));
    }

    static String simple(List<List<NameAttribute>> rdns) {
        return rdns.stream().map(rdn -> rdn.stream().map(WindowsNames::value).collect(Collectors.joining(" + ")))
                .collect(Collectors.joining(", "));
    }

    /** One value as CertNameToStr writes it, quoted where Windows quotes it, an embedded '"' doubled. */
    static String value(NameAttribute attribute) {
        String text = attribute.text();
        return attribute.hex() || !needsQuotes(text) ? text : '"' + text.replace("\"", "\"\"") + '"';
    }

    /**
     * Wine dlls/crypt32/str.c {@code quote_rdn_value_to_str_w} + {@code is_quotable_char}, and the CertNameToStr
     * remarks ("Empty strings are quoted", which Wine does not do: we follow Windows).
     */
    static boolean needsQuotes(String text) {
        return text.isEmpty() || isSpace(text.charAt(0)) || isSpace(text.charAt(text.length() - 1))
                || text.chars().anyMatch(c -> "+,\"=<>;#\n".indexOf(c) >= 0);
    }

    /** iswspace: the C space characters plus Unicode space separators (inferred; see docs/matching.md). */
    static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || c == '\u0085' || Character.isSpaceChar(c);
    }
}

package org.pfxkit.shared.match;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/**
 * What a TLS client checks (RFC 6125 section 6): the SAN dNSName entries, compared case-insensitively as A-labels;
 * a wildcard only as the whole left-most label ("*.example.com"), matching exactly one label, never for fewer than
 * three labels ("*.com" matches nothing). This is the CA/Browser Forum rule that browsers, Java and OpenSSL's
 * X509_check_host (without partial wildcards) apply; RFC 6125 6.4.3 also allows "w*.example.com", which no current
 * client accepts. The subject CN is used only when the certificate has no SAN dNSName at all (RFC 6125 6.4.4);
 * the reason says so, because Chrome and Firefox never fall back to the CN. An IP address is compared with SAN
 * iPAddress entries only (RFC 6125 section 1.7.2 / RFC 2818 section 3.1).
 */
final class DnsNameCriterion implements Criterion {
    private static final String COMMON_NAME = "2.5.4.3";
    private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
            + "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    private final String input;
    private final String reference;
    private final InetAddress address;

    private DnsNameCriterion(String input, String reference, InetAddress address) {
        this.input = input;
        this.reference = reference;
        this.address = address;
    }

    static DnsNameCriterion parse(String name) throws PfxkitException {
        String trimmed = name.strip();
        if (trimmed.isEmpty()) {
            throw new PfxkitException(Problem.BAD_USAGE, "the DNS name is empty", "give a host name, e.g. "
                    + "--dns www.example.com");
        }
        String literal = trimmed.startsWith("[") && trimmed.endsWith("]")
                ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
        if (IPV4.matcher(literal).matches() || literal.contains(":")) {
            try {
                // Brackets make the JDK parse an IPv6 literal or fail, never look the text up in DNS; a strict
                // dotted quad parses numerically too.
                InetAddress address = InetAddress.getByName(literal.contains(":") ? "[" + literal + "]" : literal);
                return new DnsNameCriterion(name, literal, address);
            } catch (UnknownHostException e) {
                throw new PfxkitException(Problem.BAD_USAGE, "'" + name + "' is neither a host name nor an IP "
                        + "address", "give a host name such as www.example.com or an address such as 192.0.2.1");
            }
        }
        String reference = aLabels(trimmed);
        if (reference == null || reference.contains("*")) {
            throw new PfxkitException(Problem.BAD_USAGE, "'" + name + "' is not a host name a client could connect "
                    + "to", "give the name clients use, e.g. www.example.com (no wildcard)");
        }
        return new DnsNameCriterion(name, reference, null);
    }

    /** Lower-case A-label form without a trailing dot, or null when the name is not valid IDNA. */
    static String aLabels(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        try {
            return IDN.toASCII(n, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public Evaluation evaluate(IndexedCertificate c) {
        if (address != null) {
            for (String ip : c.ipAddresses()) {
                if (sameAddress(ip)) {
                    return Evaluation.yes("SAN IP address " + ip + " is " + input);
                }
            }
            return Evaluation.no(c.ipAddresses().isEmpty() ? "has no SAN IP address (an IP is never compared with "
                    + "DNS names or the CN)" : "SAN IP addresses " + c.ipAddresses() + " do not include " + input);
        }
        if (!c.dnsNames().isEmpty()) {
            for (String pattern : c.dnsNames()) {
                if (matches(pattern, reference)) {
                    return Evaluation.yes("SAN DNS name " + Show.quote(pattern) + " matches " + Show.quote(input));
                }
            }
            return Evaluation.no("no SAN DNS name matches " + Show.quote(input) + " (has "
                    + Show.abbreviate(String.join(", ", c.dnsNames())) + ")");
        }
        for (NameAttribute a : c.subjectRdns().stream().flatMap(List::stream).toList()) {
            if (COMMON_NAME.equals(a.oid()) && !a.hex() && matches(a.text(), reference)) {
                return Evaluation.yes("no SAN DNS names; the subject CN " + Show.quote(a.text()) + " matches "
                        + Show.quote(input) + " by the RFC 6125 6.4.4 fallback (Chrome and Firefox reject this)");
            }
        }
        return Evaluation.no("has no SAN DNS names, and no subject CN matches " + Show.quote(input));
    }

    private boolean sameAddress(String ip) {
        try {
            // The JDK renders SAN iPAddress entries numerically, so this parses without a DNS lookup.
            return InetAddress.getByName(ip.contains(":") ? "[" + ip + "]" : ip).equals(address);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** RFC 6125 6.4.1 and 6.4.3 as clients apply them (see the class comment). */
    static boolean matches(String pattern, String reference) {
        String p = aLabels(pattern.strip());
        if (p == null || p.isEmpty()) {
            return false;
        }
        if (!p.startsWith("*.")) {
            return !p.contains("*") && p.equals(reference);
        }
        String suffix = p.substring(1);
        if (suffix.contains("*") || suffix.chars().filter(ch -> ch == '.').count() < 2) {
            return false;
        }
        if (!reference.endsWith(suffix)) {
            return false;
        }
        String label = reference.substring(0, reference.length() - suffix.length());
        return !label.isEmpty() && !label.contains(".");
    }
}

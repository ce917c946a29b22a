package org.pfxkit.shared.match;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a distinguished name as an RFC 4514 string for display: RDNs last-encoded first, "," between RDNs, "+"
 * within one, RFC 4514 section 2.4 escaping, and the short names people know (RFC 4514 section 3 plus the RFC 4519
 * and PKCS#9 names openssl prints, e.g. {@code emailAddress}). Values that are not character strings use the
 * {@code #hex} form of their encoding (RFC 4514 section 2.4).
 */
final class Rfc4514Names {
    private static final Map<String, String> SHORT_NAMES = Map.ofEntries(
            Map.entry("2.5.4.3", "CN"), Map.entry("2.5.4.6", "C"), Map.entry("2.5.4.7", "L"),
            Map.entry("2.5.4.8", "ST"), Map.entry("2.5.4.10", "O"), Map.entry("2.5.4.11", "OU"),
            Map.entry("2.5.4.9", "STREET"), Map.entry("0.9.2342.19200300.100.1.25", "DC"),
            Map.entry("0.9.2342.19200300.100.1.1", "UID"), Map.entry("1.2.840.113549.1.9.1", "emailAddress"),
            Map.entry("2.5.4.5", "serialNumber"), Map.entry("2.5.4.12", "title"), Map.entry("2.5.4.4", "SN"),
            Map.entry("2.5.4.42", "GN"), Map.entry("2.5.4.43", "initials"),
            Map.entry("2.5.4.44", "generationQualifier"), Map.entry("2.5.4.46", "dnQualifier"),
            Map.entry("2.5.4.65", "pseudonym"), Map.entry("2.5.4.17", "postalCode"),
            Map.entry("2.5.4.15", "businessCategory"), Map.entry("2.5.4.97", "organizationIdentifier"));

    private Rfc4514Names() {
    }

    static String of(List<List<NameAttribute>> rdns) {
        return rdns.reversed().stream().map(rdn -> rdn.stream().map(Rfc4514Names::attribute)
                .collect(Collectors.joining("+"))).collect(Collectors.joining(","));
    }

    private static String attribute(NameAttribute a) {
        return SHORT_NAMES.getOrDefault(a.oid(), a.oid()) + "="
                + (a.hex() ? "#" + HexFormat.of().formatHex(a.encoded()) : escape(a.text()));
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean special = switch (c) {
                case '"', '+', ',', ';', '<', '>', '\\' -> true;
                case '#' -> i == 0;
                case ' ' -> i == 0 || i == value.length() - 1;
                default -> false;
            };
            out.append(c == '\0' ? "\\00" : special ? "\\" + c : String.valueOf(c));
        }
        return out.toString();
    }
}

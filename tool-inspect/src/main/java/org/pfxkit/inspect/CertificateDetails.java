package org.pfxkit.inspect;

import java.io.PrintWriter;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.pfxkit.shared.match.ChainLinks;
import org.pfxkit.shared.match.IndexedCertificate;
import org.pfxkit.shared.store.BagAttributes;

/** Everything {@code certfind show} and {@code --verbose} print about one certificate, as label/value rows. */
final class CertificateDetails {
    private static final String[] KEY_USAGES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
        "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};
    private static final Map<String, String> EKU_NAMES = Map.of(
            "1.3.6.1.5.5.7.3.1", "serverAuth", "1.3.6.1.5.5.7.3.2", "clientAuth", "1.3.6.1.5.5.7.3.3", "codeSigning",
            "1.3.6.1.5.5.7.3.4", "emailProtection", "1.3.6.1.5.5.7.3.8", "timeStamping",
            "1.3.6.1.5.5.7.3.9", "OCSPSigning", "2.5.29.37.0", "anyExtendedKeyUsage");

    private CertificateDetails() {
    }

    static Map<String, String> rows(IndexedCertificate c, ChainLinks links, Instant now) {
        X509Certificate cert = c.certificate();
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("file position", String.valueOf(c.entry().fileIndex()));
        rows.put("subject", c.subject());
        rows.put("Windows subject", c.windowsSubject());
        rows.put("issuer", c.issuer());
        rows.put("Windows issuer", c.windowsIssuer());
        rows.put("serial", cert.getSerialNumber().toString(16).toUpperCase());
        rows.put("valid", cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant() + " ("
                + validity(cert, now) + ")");
        rows.put("public key", describeKey(cert.getPublicKey()));
        rows.put("private key", c.hasPrivateKey() ? "in the store (" + c.entry().privateKey().getAlgorithm() + ")"
                : "not in the store");
        rows.put("CA", cert.getBasicConstraints() >= 0 ? "yes (basicConstraints cA=true)" : "no");
        rows.put("SANs", sans(cert));
        rows.put("key usage", keyUsage(cert));
        rows.put("extended key usage", extendedKeyUsage(cert));
        rows.put("SHA-1", colons(c.sha1()));
        rows.put("SHA-256", colons(sha256(cert)));
        attributes(rows, "certificate bag", c.entry().certificateAttributes());
        attributes(rows, "key bag", c.entry().keyAttributes());
        rows.put("chain", chain(c.index(), links));
        return rows;
    }

    static void print(IndexedCertificate c, ChainLinks links, Instant now, PrintWriter out) {
        out.println("#" + c.index() + " " + c.windowsSubject());
        rows(c, links, now).forEach((label, value) -> out.println(row(label, value)));
    }

    /** One printed row: the label padded so the values line up. */
    static String row(String label, String value) {
        return String.format("  %-30s %s", label, value);
    }

    private static String validity(X509Certificate cert, Instant now) {
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            return "expired";
        }
        return now.isBefore(cert.getNotBefore().toInstant()) ? "not yet valid" : "valid now";
    }

    static String describeKey(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength() + " bits";
        }
        if (key instanceof ECPublicKey ec) {
            return "EC " + ec.getParams().getCurve().getField().getFieldSize() + " bits";
        }
        if (key instanceof EdECPublicKey ed) {
            return ed.getParams().getName();
        }
        if (key instanceof DSAPublicKey dsa) {
            return "DSA " + dsa.getParams().getP().bitLength() + " bits";
        }
        return key.getAlgorithm();
    }

    private static String sans(X509Certificate cert) {
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            if (names == null || names.isEmpty()) {
                return "none";
            }
            List<String> out = new ArrayList<>();
            for (List<?> name : names) {
                String type = switch ((Integer) name.get(0)) {
                    case 1 -> "email";
                    case 2 -> "DNS";
                    case 6 -> "URI";
                    case 7 -> "IP";
                    case 4 -> "DirName";
                    default -> "type" + name.get(0);
                };
                Object value = name.get(1);
                out.add(type + ":" + (value instanceof byte[] b ? HexFormat.of().formatHex(b) : value));
            }
            return String.join(", ", out);
        } catch (CertificateParsingException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    private static String keyUsage(X509Certificate cert) {
        boolean[] bits = cert.getKeyUsage();
        if (bits == null) {
            return "not restricted (no extension)";
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < bits.length && i < KEY_USAGES.length; i++) {
            if (bits[i]) {
                names.add(KEY_USAGES[i]);
            }
        }
        return String.join(", ", names);
    }

    private static String extendedKeyUsage(X509Certificate cert) {
        try {
            List<String> oids = cert.getExtendedKeyUsage();
            if (oids == null) {
                return "not restricted (no extension)";
            }
            return oids.stream().map(o -> EKU_NAMES.containsKey(o) ? EKU_NAMES.get(o) + " (" + o + ")" : o)
                    .collect(Collectors.joining(", "));
        } catch (CertificateParsingException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    private static void attributes(Map<String, String> rows, String bag, BagAttributes a) {
        if (a.friendlyName() != null) {
            rows.put(bag + " friendlyName", printable(a.friendlyName()));
        }
        if (a.localKeyId() != null) {
            rows.put(bag + " localKeyID", HexFormat.ofDelimiter(" ").withUpperCase().formatHex(a.localKeyId()));
        }
        if (a.cspName() != null) {
            rows.put(bag + " CSP name", a.cspName());
        }
        if (a.localKeySet()) {
            rows.put(bag + " Local Key Set", "yes (import into the machine key set)");
        }
        for (int i = 0; i < a.others().size(); i++) {
            rows.put(bag + " attribute " + (i + 1), a.others().get(i));
        }
    }

    /** Shows control characters (a friendlyName often ends with a NUL) instead of printing them. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static String chain(int index, ChainLinks links) {
        List<String> parts = new ArrayList<>();
        if (links.selfSigned(index)) {
            parts.add("self-signed");
        }
        List<Integer> issuers = links.issuersOf(index).stream().filter(i -> i != index).toList();
        if (!issuers.isEmpty()) {
            parts.add("issued by " + refs(issuers));
        } else if (!links.selfSigned(index)) {
            parts.add("its issuer is not in the store");
        }
        List<Integer> children = links.issuedBy(index);
        if (!children.isEmpty()) {
            parts.add("issued " + refs(children));
        }
        return String.join("; ", parts);
    }

    private static String refs(List<Integer> indexes) {
        return indexes.stream().map(i -> "#" + i).collect(Collectors.joining(", "));
    }

    private static String colons(byte[] bytes) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(bytes);
    }

    private static byte[] sha256(X509Certificate cert) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 of a parsed certificate", e);
        }
    }
}

package org.pfxkit.shared.match;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.text.Normalizer;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

import org.pfxkit.shared.store.StoreEntry;

/**
 * One certificate of a store with everything a search compares, computed once: the Windows and RFC 4514 forms of
 * its subject and issuer, their case-folded search forms, its DNS names and its SHA-1 thumbprint. Searches never
 * re-parse or re-render a name.
 */
public final class IndexedCertificate {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private final int index;
    private final StoreEntry entry;
    private final List<List<NameAttribute>> subjectRdns;
    private final String windowsSubject;
    private final String windowsIssuer;
    private final String subject;
    private final String issuer;
    private final String subjectFolded;
    private final String issuerFolded;
    private final List<String> dnsNames;
    private final List<String> ipAddresses;
    private final byte[] sha1;

    IndexedCertificate(int index, StoreEntry entry) {
        this.index = index;
        this.entry = entry;
        X509Certificate certificate = entry.certificate();
        this.subjectRdns = NameAttribute.decode(certificate.getSubjectX500Principal().getEncoded());
        List<List<NameAttribute>> issuerRdns = NameAttribute.decode(certificate.getIssuerX500Principal().getEncoded());
        this.windowsSubject = WindowsNames.simple(subjectRdns);
        this.windowsIssuer = WindowsNames.simple(issuerRdns);
        this.subject = Rfc4514Names.of(subjectRdns);
        this.issuer = Rfc4514Names.of(issuerRdns);
        this.subjectFolded = fold(windowsSubject);
        this.issuerFolded = fold(windowsIssuer);
        this.dnsNames = subjectAlternativeNames(certificate, SAN_DNS);
        this.ipAddresses = subjectAlternativeNames(certificate, SAN_IP);
        try {
            this.sha1 = MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("SHA-1 of a parsed certificate", e);
        }
    }

    /**
     * What {@code wcslwr} + {@code wcsstr} compare (Wine dlls/crypt32/cert.c {@code compare_cert_by_name_str}): the
     * string up to its first NUL (C strings end there), each UTF-16 unit lower-cased on its own.
     */
    static String fold(String text) {
        int nul = text.indexOf('\0');
        String cut = nul >= 0 ? text.substring(0, nul) : text;
        char[] chars = cut.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(chars[i]);
        }
        return new String(chars);
    }

    /** NFKC then fold: for hints only ("differs only by Unicode normalisation"). */
    static String normaliseAndFold(String text) {
        return fold(Normalizer.normalize(text, Normalizer.Form.NFKC));
    }

    /** 1-based position in the store's enumeration order. */
    public int index() {
        return index;
    }

    public StoreEntry entry() {
        return entry;
    }

    public X509Certificate certificate() {
        return entry.certificate();
    }

    public boolean hasPrivateKey() {
        return entry.hasPrivateKey();
    }

    /** The subject as CertNameToStr(CERT_SIMPLE_NAME_STR) renders it: what a subject substring search sees. */
    public String windowsSubject() {
        return windowsSubject;
    }

    public String windowsIssuer() {
        return windowsIssuer;
    }

    /** The subject as an RFC 4514 string. */
    public String subject() {
        return subject;
    }

    public String issuer() {
        return issuer;
    }

    /** SAN dNSName entries, in certificate order. */
    public List<String> dnsNames() {
        return dnsNames;
    }

    /** SAN iPAddress entries as text. */
    public List<String> ipAddresses() {
        return ipAddresses;
    }

    /** The Windows thumbprint: SHA-1 of the DER certificate. */
    public byte[] sha1() {
        return sha1.clone();
    }

    public String sha1Hex() {
        return HexFormat.of().withUpperCase().formatHex(sha1);
    }

    List<List<NameAttribute>> subjectRdns() {
        return subjectRdns;
    }

    String subjectFolded() {
        return subjectFolded;
    }

    String issuerFolded() {
        return issuerFolded;
    }

    /** The SAN entries of one GeneralName type as the JDK gives them as text, in certificate order. */
    private static List<String> subjectAlternativeNames(X509Certificate certificate, int type) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of()
                    : names.stream().filter(n -> n.get(0).equals(type)).map(n -> String.valueOf(n.get(1))).toList();
        } catch (CertificateParsingException e) {
            // A malformed SAN extension: the certificate has no DNS names we can trust; TLS clients reject it too.
            return List.of();
        }
    }
}

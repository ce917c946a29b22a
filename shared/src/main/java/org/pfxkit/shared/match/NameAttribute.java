package org.pfxkit.shared.match;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * One attribute of a distinguished name, decoded the way Windows' CryptoAPI decodes it for {@code CertNameToStrW}:
 * the value's text, or for a value that is not a character string, its hexadecimal form.
 *
 * @param oid      the attribute type, dotted
 * @param text     the decoded text; for {@link #hex() hex} values "#" and upper-case hex digits
 * @param hex      true when the value is not a character string and is shown as hex
 * @param encoded  the value's DER encoding (tag, length, contents), for RFC 4514's "#" form
 */
record NameAttribute(String oid, String text, boolean hex, byte[] encoded) {
    /** The RDNs of an encoded name in encoded order (the order CertNameToStr keeps without REVERSE_FLAG). */
    static List<List<NameAttribute>> decode(byte[] encodedName) {
        return Arrays.stream(X500Name.getInstance(encodedName).getRDNs())
                .map(rdn -> Arrays.stream(rdn.getTypesAndValues())
                        .map(atv -> of(atv.getType().getId(), atv.getValue())).toList())
                .toList();
    }

    static NameAttribute of(String oid, ASN1Encodable value) {
        byte[] der;
        try {
            der = value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            // An in-memory re-encoding cannot fail for a value BouncyCastle has just parsed.
            throw new IllegalStateException("cannot re-encode a name value", e);
        }
        int tag = der[0] & 0xff;
        // DER of a low universal tag: one identifier octet, a short or long form length, then the contents.
        int header = (der[1] & 0x80) == 0 ? 2 : 2 + (der[1] & 0x7f);
        byte[] content = tag < 0x1F ? Arrays.copyOfRange(der, header, der.length) : der;
        String text = switch (tag) {
            // wincrypt CERT_RDN_*_STRING 8-bit types: each octet is one character (Wine str.c CertRDNValueToStrW
            // copies pbData[i] to a WCHAR; MS docs CERT_RDN_ATTR: "8-bit").
            case BERTags.NUMERIC_STRING, BERTags.PRINTABLE_STRING, BERTags.VIDEOTEX_STRING, BERTags.IA5_STRING,
                 BERTags.GRAPHIC_STRING, BERTags.VISIBLE_STRING, BERTags.GENERAL_STRING -> latin1(content);
            // MS docs CERT_RDN_ATTR / CertNameToStr: T61 is decoded as UTF-8 first and as 8-bit characters when that
            // fails (unless CERT_NAME_STR_DISABLE_IE4_UTF8_FLAG, which CERT_FIND_SUBJECT_STR does not pass).
            case BERTags.T61_STRING -> strictUtf8OrLatin1(content);
            // MultiByteToWideChar(CP_UTF8) replaces invalid sequences with U+FFFD (Wine decode.c; Windows Vista+).
            case BERTags.UTF8_STRING -> new String(content, StandardCharsets.UTF_8);
            case BERTags.BMP_STRING -> new String(content, 0, content.length & ~1, StandardCharsets.UTF_16BE);
            case BERTags.UNIVERSAL_STRING -> ucs4(content);
            default -> null;
        };
        if (text != null) {
            return new NameAttribute(oid, text, false, der);
        }
        // CertNameToStr remarks: CERT_RDN_OCTET_STRING and CERT_RDN_ENCODED_BLOB values are formatted in
        // hexadecimal ("#0A56CF"): the octets of an OCTET STRING, the whole encoding of any other type.
        byte[] shown = tag == BERTags.OCTET_STRING ? content : der;
        return new NameAttribute(oid, "#" + HexFormat.of().withUpperCase().formatHex(shown), true, der);
    }

    private static String latin1(byte[] content) {
        return new String(content, StandardCharsets.ISO_8859_1);
    }

    private static String strictUtf8OrLatin1(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return latin1(content);
        }
    }

    private static String ucs4(byte[] content) {
        StringBuilder text = new StringBuilder(content.length / 4);
        for (int i = 0; i + 3 < content.length; i += 4) {
            int cp = ((content[i] & 0xff) << 24) | ((content[i + 1] & 0xff) << 16) | ((content[i + 2] & 0xff) << 8)
                    | (content[i + 3] & 0xff);
            text.appendCodePoint(Character.isValidCodePoint(cp) ? cp : 0xFFFD);
        }
        return text.toString();
    }

    @Override
    public byte[] encoded() {
        return encoded.clone();
    }
}

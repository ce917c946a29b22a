package org.pfxkit.shared.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.util.encoders.Hex;

/**
 * Turns a safe bag's attribute set into {@link BagAttributes}: PKCS#9 friendlyName and localKeyID (RFC 7292 section
 * 4.2, RFC 2985), Microsoft's CSP name (szOID_PKCS_12_KEY_PROVIDER_NAME_ATTR, 1.3.6.1.4.1.311.17.1) and Local Key Set
 * (szOID_LOCAL_MACHINE_KEYSET, 1.3.6.1.4.1.311.17.2; wincrypt.h), and the rest as "OID=value" text.
 */
final class BagAttributeReader {
    private static final ASN1ObjectIdentifier LOCAL_KEY_SET = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.17.2");

    private BagAttributeReader() {
    }

    /**
     * The bag's attributes, then those inside a key's PKCS#8 PrivateKeyInfo (openssl -keyex/-keysig and Windows put
     * the key usage attribute 2.5.29.15 there), which land in {@code others}.
     */
    static BagAttributes read(ASN1Set attributes, ASN1Set keyAttributes) {
        List<ASN1Encodable> all = new ArrayList<>();
        Stream.of(attributes, keyAttributes).filter(Objects::nonNull).forEach(set -> set.forEach(all::add));
        if (all.isEmpty()) {
            return BagAttributes.NONE;
        }
        String friendlyName = null;
        byte[] localKeyId = null;
        String cspName = null;
        boolean localKeySet = false;
        List<String> others = new ArrayList<>();
        for (ASN1Encodable element : all) {
            Attribute attribute = Attribute.getInstance(element);
            ASN1ObjectIdentifier type = attribute.getAttrType();
            ASN1Encodable[] values = attribute.getAttributeValues();
            ASN1Encodable first = values.length > 0 ? values[0] : null;
            // The value is kept exactly, a trailing NUL included (Windows Azure Tools writes one).
            if (type.equals(PKCSObjectIdentifiers.pkcs_9_at_friendlyName) && friendlyName == null
                    && first instanceof ASN1String name) {
                friendlyName = name.getString();
            } else if (type.equals(PKCSObjectIdentifiers.pkcs_9_at_localKeyId) && localKeyId == null
                    && first instanceof ASN1OctetString id) {
                localKeyId = id.getOctets();
            } else if (type.equals(PfxWriter.MICROSOFT_CSP_NAME) && cspName == null
                    && first instanceof ASN1String name) {
                cspName = name.getString();
            } else if (type.equals(LOCAL_KEY_SET)) {
                localKeySet = true;
            } else {
                others.add(type.getId() + "=" + Arrays.stream(values).map(BagAttributeReader::render)
                        .collect(Collectors.joining(", ")));
            }
        }
        return new BagAttributes(friendlyName, localKeyId, cspName, localKeySet, others);
    }

    /** Strings as text, octet strings as hex, anything else as '#' and the hex of its DER (RFC 4514 style). */
    private static String render(ASN1Encodable value) {
        if (value instanceof ASN1String text) {
            return text.getString();
        }
        return value instanceof ASN1OctetString octets ? Hex.toHexString(octets.getOctets())
                : IETFUtils.valueToString(value);
    }
}

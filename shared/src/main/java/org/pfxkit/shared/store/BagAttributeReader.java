package org.pfxkit.shared.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.util.encoders.Hex;

/**
 * Turns a safe bag's attribute set into {@link BagAttributes}: PKCS#9 friendlyName and localKeyID (RFC 7292 section
 * 4.2, RFC 2985), Microsoft's CSP name (szOID_PKCS_12_KEY_PROVIDER_NAME_ATTR, 1.3.6.1.4.1.311.17.1) and Local Key Set
 * (szOID_LOCAL_MACHINE_KEYSET, 1.3.6.1.4.1.311.17.2; wincrypt.h), and the rest as "OID=value" text.
 */
final class BagAttributeReader {
    static final String FRIENDLY_NAME = "1.2.840.113549.1.9.20";
    static final String LOCAL_KEY_ID = "1.2.840.113549.1.9.21";
    static final String CSP_NAME = "1.3.6.1.4.1.311.17.1";
    static final String LOCAL_KEY_SET = "1.3.6.1.4.1.311.17.2";

    private BagAttributeReader() {
    }

    /**
     * The bag's attributes, then those inside a key's PKCS#8 PrivateKeyInfo (openssl -keyex/-keysig and Windows put
     * the key usage attribute 2.5.29.15 there), which land in {@code others}.
     */
    static BagAttributes read(ASN1Set attributes, ASN1Set keyAttributes) {
        if ((attributes == null || attributes.size() == 0) && (keyAttributes == null || keyAttributes.size() == 0)) {
            return BagAttributes.NONE;
        }
        String friendlyName = null;
        byte[] localKeyId = null;
        String cspName = null;
        boolean localKeySet = false;
        List<String> others = new ArrayList<>();
        List<ASN1Encodable> all = new ArrayList<>();
        if (attributes != null) {
            attributes.forEach(all::add);
        }
        if (keyAttributes != null) {
            keyAttributes.forEach(all::add);
        }
        for (ASN1Encodable element : all) {
            Attribute attribute = Attribute.getInstance(element);
            String oid = attribute.getAttrType().getId();
            ASN1Encodable[] values = attribute.getAttributeValues();
            ASN1Encodable first = values.length > 0 ? values[0] : null;
            // The value is kept exactly, a trailing NUL included (Windows Azure Tools writes one).
            if (oid.equals(FRIENDLY_NAME) && friendlyName == null && first instanceof ASN1String name) {
                friendlyName = name.getString();
            } else if (oid.equals(LOCAL_KEY_ID) && localKeyId == null && first instanceof ASN1OctetString id) {
                localKeyId = id.getOctets();
            } else if (oid.equals(CSP_NAME) && cspName == null && first instanceof ASN1String name) {
                cspName = name.getString();
            } else if (oid.equals(LOCAL_KEY_SET)) {
                localKeySet = true;
            } else {
                others.add(oid + "=" + render(values));
            }
        }
        return new BagAttributes(friendlyName, localKeyId, cspName, localKeySet, others);
    }

    /** Strings as text, octet strings as hex, anything else as '#' and the hex of its DER (RFC 4514 style). */
    private static String render(ASN1Encodable[] values) {
        List<String> parts = new ArrayList<>();
        for (ASN1Encodable value : values) {
            if (value instanceof ASN1String text) {
                parts.add(text.getString());
            } else if (value instanceof ASN1OctetString octets) {
                parts.add(Hex.toHexString(octets.getOctets()));
            } else {
                try {
                    parts.add("#" + Hex.toHexString(value.toASN1Primitive().getEncoded()));
                } catch (IOException e) {
                    parts.add("#?");
                }
            }
        }
        return String.join(", ", parts);
    }
}

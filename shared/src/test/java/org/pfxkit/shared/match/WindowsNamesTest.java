package org.pfxkit.shared.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERT61String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DERUniversalString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;

class WindowsNamesTest {

    static byte[] der(X500Name name) {
        try {
            return name.getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String simple(X500NameBuilder builder) {
        return WindowsNames.simple(der(builder.build()));
    }

    static X500NameBuilder usOrgHunter() {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, new DERPrintableString("US"))
                .addRDN(BCStyle.O, new DERUTF8String("Example Org"))
                .addRDN(BCStyle.CN, new DERUTF8String("hunter"));
    }

    @Test
    void simpleFormListsTheValuesInEncodedOrderWithoutLabels() {
        assertEquals("US, Example Org, hunter", simple(usOrgHunter()));
    }

    @Test
    void rfc4514FormListsTheLastEncodedRdnFirst() {
        assertEquals("CN=hunter,O=Example Org,C=US", Rfc4514Names.of(NameAttribute.decode(der(usOrgHunter().build()))));
    }

    @Test
    void valuesOfAMultiValuedRdnAreJoinedWithPlusInsideSpaces() {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, new DERUTF8String("Microsoft"))
                .addMultiValuedRDN(new ASN1ObjectIdentifier[] {BCStyle.CN, BCStyle.T},
                        new org.bouncycastle.asn1.ASN1Encodable[] {new DERUTF8String("Kim"), new DERUTF8String("Pgm")});
        // DER sorts a SET: equal lengths, so CN (2.5.4.3) precedes title (2.5.4.12).
        assertEquals("Microsoft, Kim + Pgm", simple(b));
    }

    @Test
    void valuesWithSpecialCharactersAreQuotedAndEmbeddedQuotesDoubled() {
        assertEquals("\"Example, Inc.\"", single("Example, Inc."));
        assertEquals("\"Joe \"\"Cool\"\"\"", single("Joe \"Cool\""));
        assertEquals("\"a+b\"", single("a+b"));
        assertEquals("\"x=y\"", single("x=y"));
        assertEquals("\"<tag>\"", single("<tag>"));
        assertEquals("\"#1\"", single("#1"));
        assertEquals("\"a;b\"", single("a;b"));
        assertEquals("\"line\nbreak\"", single("line\nbreak"));
    }

    @Test
    void leadingOrTrailingSpacesAreQuotedButInnerRunsAreNot() {
        assertEquals("\" hunter\"", single(" hunter"));
        assertEquals("\"hunter \"", single("hunter "));
        assertEquals("two  spaces", single("two  spaces"));
        assertEquals("\"\u00A0nbsp\"", single("\u00A0nbsp"));
    }

    @Test
    void anEmptyValueIsQuotedAsWindowsDocuments() {
        assertEquals("\"\"", single(""));
    }

    @Test
    void anEmptySubjectRendersAsAnEmptyString() {
        assertEquals("", WindowsNames.simple(der(new X500Name(new org.bouncycastle.asn1.x500.RDN[0]))));
    }

    @Test
    void utf8StringValuesAreDecodedToUnicode() {
        assertEquals("café", single("café"));
        assertEquals("Straße", single("Straße"));
        assertEquals("Охотник", single("Охотник"));
        assertEquals("猎人", single("猎人"));
        assertEquals("😀 emoji", single("😀 emoji"));
    }

    @Test
    void bmpStringValuesAreDecodedFromUtf16() {
        assertEquals("Ünïcödé Охотник", typed(new DERBMPString("Ünïcödé Охотник")));
    }

    @Test
    void t61StringIsReadAsUtf8WhenItIsValidUtf8() {
        assertEquals("é", typed(new DERT61String("é".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void t61StringFallsBackToOneCharacterPerOctetWhenItIsNotUtf8() {
        assertEquals("é", typed(new DERT61String(new byte[] {(byte) 0xE9})));
        assertEquals("Müller", typed(new DERT61String("Müller".getBytes(StandardCharsets.ISO_8859_1))));
    }

    @Test
    void ia5EmailAddressIsShownAsItsText() {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, new DERUTF8String("hunter"))
                .addRDN(BCStyle.EmailAddress, new DERIA5String("hunter@example.com"));
        assertEquals("hunter, hunter@example.com", simple(b));
        assertEquals("emailAddress=hunter@example.com,CN=hunter",
                Rfc4514Names.of(NameAttribute.decode(der(b.build()))));
    }

    @Test
    void universalStringIsDecodedFromUcs4() {
        byte[] ucs4 = "Ab€".getBytes(java.nio.charset.Charset.forName("UTF-32BE"));
        assertEquals("Ab€", typed(new DERUniversalString(ucs4)));
    }

    @Test
    void octetStringValuesAreShownInHex() {
        assertEquals("#0A56CF", typed(new DEROctetString(new byte[] {0x0A, 0x56, (byte) 0xCF})));
    }

    @Test
    void valuesOfOtherTypesAreShownAsTheHexOfTheirEncoding() {
        assertEquals("#020105", typed(new ASN1Integer(5)));
    }

    @Test
    void printableStringOctetsAreCharacters() {
        assertEquals("Example Org", typed(new DERPrintableString("Example Org")));
    }

    @Test
    void veryLongNamesRenderCompletely() {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            String value = "unit-" + i + "-" + "x".repeat(40);
            b.addRDN(BCStyle.OU, new DERUTF8String(value));
            expected.append(i == 0 ? "" : ", ").append(value);
        }
        String rendered = simple(b);
        assertEquals(expected.toString(), rendered);
        assertTrue(rendered.length() > 9000);
    }

    private static String single(String value) {
        return typed(new DERUTF8String(value));
    }

    private static String typed(org.bouncycastle.asn1.ASN1Encodable value) {
        return simple(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, value));
    }
}

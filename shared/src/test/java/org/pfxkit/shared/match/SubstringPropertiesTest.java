package org.pfxkit.shared.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/** What the subject substring search compares, checked over generated values. */
class SubstringPropertiesTest {

    private static String folded(String cn) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, new DERPrintableString("US"))
                .addRDN(BCStyle.CN, new DERUTF8String(cn));
        return IndexedCertificate.fold(WindowsNames.simple(WindowsNamesTest.der(b.build())));
    }

    @Property(tries = 300)
    void everyValueWithAQuoteIsFoundWithItsQuotesDoubled(@ForAll @StringLength(min = 0, max = 20) String before,
            @ForAll @StringLength(min = 0, max = 20) String after) {
        everyValueOfTheSubjectIsFoundInItsWindowsFormInAnyCase(before.replace("\0", "") + '"' + after);
    }

    @Property(tries = 300)
    void everyValueOfTheSubjectIsFoundInItsWindowsFormInAnyCase(@ForAll @StringLength(min = 1, max = 40) String cn) {
        if (cn.indexOf('\0') >= 0) {
            return;
        }
        // A value with a quote is always quoted, its quotes doubled (Wine's quote_rdn_value_to_str_w): a search for
        // it must double them too, as on Windows.
        String asWindowsWritesIt = cn.replace("\"", "\"\"");
        assertTrue(folded(cn).contains(IndexedCertificate.fold(asWindowsWritesIt)), cn);
        // Upper-case one UTF-16 unit at a time, as Windows folds; characters whose case does not round-trip
        // (final sigma, dotless i, ...) are left alone: searching with their capital does not find them on Windows.
        StringBuilder upper = new StringBuilder();
        for (char c : cn.toCharArray()) {
            char u = Character.toUpperCase(c);
            upper.append(Character.toLowerCase(u) == Character.toLowerCase(c) ? u : c);
        }
        String upperAsWritten = upper.toString().replace("\"", "\"\"");
        assertTrue(folded(cn).contains(IndexedCertificate.fold(upperAsWritten)), upperAsWritten);
    }

    @Property(tries = 300)
    void aQuotedValueIsTheValueWithItsQuotesDoubled(@ForAll @StringLength(min = 0, max = 20) String value) {
        String rendered = WindowsNames.value(new NameAttribute("2.5.4.3", value, false, new byte[0]));
        if (WindowsNames.needsQuotes(value)) {
            assertEquals("\"" + value.replace("\"", "\"\"") + "\"", rendered);
        } else {
            assertEquals(value, rendered);
        }
    }

    @Test
    void aNulInAValueEndsTheStringWindowsSearches() {
        String rendered = WindowsNames.simple(WindowsNamesTest.der(new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, new DERBMPString("Example\u0000Hidden"))
                .addRDN(BCStyle.CN, new DERUTF8String("hunter")).build()));
        assertEquals("Example\u0000Hidden, hunter", rendered);
        assertEquals("example", IndexedCertificate.fold(rendered));
    }
}

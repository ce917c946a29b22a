package org.pfxkit.inspect;

import java.nio.file.Path;
import java.util.List;

import org.pfxkit.shared.match.CertificateIndex;
import org.pfxkit.shared.store.Keystore;
import org.pfxkit.shared.store.StoreEntry;

/**
 * What the reports say about the store itself: where it is, its format, the order searches visit its certificates
 * in, and the keys it holds without a certificate.
 *
 * @param path                   the store file
 * @param format                 PKCS12, JKS, PEM or DER
 * @param index                  the certificates in search order, indexed once
 * @param windowsOrder           true when the order is Windows' enumeration order of an imported PFX
 * @param reversedFromFile       true when that order is not the file's order
 * @param keysWithoutCertificate private keys the store holds with no certificate
 */
record StoreView(Path path, String format, CertificateIndex index, boolean windowsOrder, boolean reversedFromFile,
                 int keysWithoutCertificate) {

    static StoreView of(Keystore keystore) {
        List<StoreEntry> order = keystore.enumerationOrder();
        boolean differs = !order.stream().map(StoreEntry::fileIndex).toList()
                .equals(keystore.fileOrder().stream().map(StoreEntry::fileIndex).toList());
        return new StoreView(keystore.path(), keystore.format().name(), CertificateIndex.of(order),
                keystore.format() == Keystore.Format.PKCS12, differs, keystore.keysWithoutCertificate().size());
    }

    /** One line on the order, for people. */
    String orderNote() {
        if (windowsOrder) {
            return "Windows enumeration order after PFXImportCertStore" + (reversedFromFile
                    ? " (not the file's bag order; see docs/enumeration-order.md)" : "");
        }
        if ("JKS".equals(format)) {
            return "the JDK's alias order (Windows cannot open a JKS; no Windows order applies)";
        }
        return "file order (not a PFX import: an assumption, see docs/enumeration-order.md)";
    }

    /** The order's name in JSON: windows-enumeration, jks-aliases or file. */
    String orderName() {
        if (windowsOrder) {
            return "windows-enumeration";
        }
        return "JKS".equals(format) ? "jks-aliases" : "file";
    }
}

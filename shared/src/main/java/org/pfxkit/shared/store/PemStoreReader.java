package org.pfxkit.shared.store;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.pem.MaterialReader;
import org.pfxkit.shared.pem.ParsedFile;
import org.pfxkit.shared.secret.PasswordSource;

/**
 * A PEM bundle or a single PEM/DER certificate, read by {@link MaterialReader}: certificates in file order, each with
 * the private key from the same file that belongs to it. The password is asked for only for an encrypted key.
 */
final class PemStoreReader {
    private PemStoreReader() {
    }

    static Keystore read(Path file, byte[] content, PasswordSource password) throws PfxkitException {
        ParsedFile parsed = MaterialReader.read(content, file, password);
        List<KeyCertPairing.CertItem> certificates = new ArrayList<>();
        for (ParsedFile.Located<X509Certificate> located : parsed.certificates()) {
            certificates.add(new KeyCertPairing.CertItem(located.value(), BagAttributes.NONE));
        }
        List<KeyCertPairing.KeyItem> keys = new ArrayList<>();
        for (ParsedFile.Located<PrivateKey> located : parsed.keys()) {
            keys.add(new KeyCertPairing.KeyItem(located.value(), BagAttributes.NONE));
        }
        Keystore.Format format = parsed.encoding() == ParsedFile.Encoding.DER ? Keystore.Format.DER
                : Keystore.Format.PEM;
        KeyCertPairing.Paired paired = KeyCertPairing.pair(certificates, keys);
        return new Keystore(file, format, paired.fileOrder(), EnumerationOrder.of(format, paired.fileOrder()),
                paired.keysWithoutCertificate());
    }
}

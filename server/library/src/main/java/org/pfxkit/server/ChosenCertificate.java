package org.pfxkit.server;

import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509KeyManager;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.keys.KeyMaterial;

/**
 * The certificate a server presents, and why it was chosen.
 *
 * @param material    the private key and chain
 * @param source      where it came from, e.g. {@code 'cert.pfx'} or {@code the embedded default}
 * @param explanation the reasons, one line each (for a keystore search: the matcher's explanation, as certfind prints)
 */
public record ChosenCertificate(KeyMaterial material, String source, List<String> explanation) {
    public ChosenCertificate {
        explanation = List.copyOf(explanation);
    }

    /** The JDK's key manager for this key and chain, for any Java TLS code (the JDK picks it by key type). */
    public X509KeyManager keyManager() throws PfxkitException {
        return JdkTls.keyManager(material);
    }

    /**
     * A JDK {@code SSLContext} ("TLS") presenting this certificate, with the JDK's default trust: for an
     * {@code SSLServerSocket}, {@code HttpsServer}, or a client that presents it as its certificate.
     */
    public SSLContext sslContext() throws PfxkitException {
        return JdkTls.sslContext(material);
    }
}

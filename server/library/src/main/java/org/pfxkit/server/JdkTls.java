package org.pfxkit.server;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.HexFormat;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509KeyManager;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.keys.KeyMaterial;

/**
 * A chosen certificate for any Java TLS code (SSLServerSocket, HttpsServer, Jetty, an HTTP client presenting a
 * client certificate): the JDK's own key manager over an in-memory keystore holding the one key and its chain, so
 * that the JDK chooses by key type and signature scheme as it does for any keystore. The keystore and its random
 * password never leave this class and nothing is written.
 */
final class JdkTls {
    private static final String ALIAS = "pfxkit";

    private JdkTls() {
    }

    static X509KeyManager keyManager(KeyMaterial material) throws PfxkitException {
        try {
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random); // not generateSeed: that draws on the seed source and may block
            char[] password = HexFormat.of().formatHex(random).toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, material.privateKey(), password, material.chain().toArray(Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            for (KeyManager manager : factory.getKeyManagers()) {
                if (manager instanceof X509KeyManager x509) {
                    return x509;
                }
            }
            throw new GeneralSecurityException("the JDK's key manager factory made no X509KeyManager");
        } catch (GeneralSecurityException | IOException e) {
            throw new PfxkitException(Problem.UNSUPPORTED_KEY, "the JDK cannot use the key of '"
                    + material.leaf().getSubjectX500Principal().getName() + "' for TLS: " + e.getMessage(),
                    "use an RSA or EC key", e);
        }
    }

    /** TLS (the JDK's newest versions), this key manager, the JDK's default trust (for a client's server checks). */
    static SSLContext sslContext(KeyMaterial material) throws PfxkitException {
        X509KeyManager keyManager = keyManager(material);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keyManager}, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new PfxkitException(Problem.ENVIRONMENT, "the JDK has no TLS context: " + e.getMessage(),
                    "check the Java installation: its conf/security/java.security lists the JCA providers", e);
        }
    }
}

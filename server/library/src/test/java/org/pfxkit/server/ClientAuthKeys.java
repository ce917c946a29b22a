package org.pfxkit.server;

import java.security.KeyStore;
import java.security.cert.X509Certificate;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.pfxkit.shared.testing.TestPki;

/** Client certificates for the client-authentication scenarios: trusted, from an unknown root, expired. */
final class ClientAuthKeys {
    static final TestPki.Issued OTHER_ROOT = TestPki.rootCa("pfxkit Unknown Root");
    static final TestPki.Issued TRUSTED = TestServer.ROOT.issue(TestPki.leaf("client-ok").clientAuthOnly()
            .sharedKey("client"));
    static final TestPki.Issued UNTRUSTED = OTHER_ROOT.issue(TestPki.leaf("client-unknown").clientAuthOnly()
            .sharedKey("client"));
    static final TestPki.Issued EXPIRED = TestServer.ROOT.issue(TestPki.leaf("client-expired").clientAuthOnly()
            .expired().sharedKey("client"));

    private ClientAuthKeys() {
    }

    /** A client context presenting {@code client} (or nothing when null), trusting the test root. */
    static SSLContext context(TestPki.Issued client) {
        return context(client, false);
    }

    /**
     * As {@link #context(TestPki.Issued)}; with {@code always}, the client sends its certificate even when the server's
     * CertificateRequest names other issuers (the JDK's key manager would send none, which is "missing").
     */
    static SSLContext context(TestPki.Issued client, boolean always) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            if (client != null) {
                keys.setKeyEntry("client", client.privateKey(), new char[0],
                        client.chain().toArray(X509Certificate[]::new));
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("root", TestServer.ROOT.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            KeyManager[] managers = kmf.getKeyManagers();
            if (always) {
                managers = new KeyManager[] {new AlwaysOffer((X509ExtendedKeyManager) managers[0])};
            }
            context.init(managers, tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Offers the one client key whatever issuers the server asks for. */
    private static final class AlwaysOffer extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;

        AlwaysOffer(X509ExtendedKeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "client";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "client";
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }
}

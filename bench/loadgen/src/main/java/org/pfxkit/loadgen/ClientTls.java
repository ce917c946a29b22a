package org.pfxkit.loadgen;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.SSLException;

/** The client side of every benchmark connection: TLS 1.3, one key-exchange group, a full handshake each time. */
final class ClientTls {
    private ClientTls() {
    }

    static SslContext context() throws SSLException {
        return context("X25519");
    }

    /** Offers only {@code group}: X25519 as s_time, or X25519MLKEM768 to price the hybrid key exchange. */
    static SslContext context(String group) throws SSLException {
        SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(provider)
                .protocols("TLSv1.3")
                // A benchmark of the server's handshake: the chain is not checked here (the server's CertificateVerify
                // signature still is, by the TLS 1.3 handshake itself).
                .trustManager(InsecureTrustManagerFactory.INSTANCE);
        if (provider == SslProvider.OPENSSL) {
            // By default the same key exchange as s_time offers first, and nothing a 2022 server may not know.
            builder.option(OpenSslContextOption.GROUPS, new String[] {group});
        } else if (!"X25519".equals(group)) {
            throw new IllegalArgumentException("--group " + group + " needs the BoringSSL client engine, which did not load");
        }
        return builder.build();
    }

    static String describe() {
        return OpenSsl.isAvailable() ? "client engine: " + OpenSsl.versionString() : "client engine: JDK";
    }
}

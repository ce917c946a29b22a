package org.pfxkit.server.internal;

import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

import org.pfxkit.server.TlsEngine;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.keys.KeyMaterial;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.IllegalReferenceCountException;
import io.netty.util.ReferenceCountUtil;

/**
 * The server's TLS contexts, one per certificate, made once at start-up and shared by every connection, and the
 * choice of one by the client's SNI name: exact name first, then a one-label wildcard ("*.example.com"), then the
 * default certificate; null when there is none (the connection then fails with NO_CERTIFICATE_FOR_SNI).
 *
 * <p>The default context can be replaced while the server runs ({@link #replaceDefault}): new connections take the new
 * one, open connections keep the engine they have. BoringSSL engines hold a reference to their context (Netty's
 * ReferenceCountedOpenSslEngine retains it and releases it when the engine is freed), so the old context is released
 * at once and freed when its last connection closes; {@link #newHandler} retains the context it read before making
 * an engine, so a swap between the read and the engine never frees a context under it.
 */
public final class TlsContexts {
    /**
     * OPENSSL_REFCNT, not OPENSSL: the latter gives every engine a finalizer, so each connection's native SSL object
     * waits for a GC and a finalizer pass to be freed, which costs the handshake rate and resident memory. With
     * reference counting the SslHandler frees its engine when the connection closes (Netty's SslProvider javadoc).
     */
    private final SslProvider provider;
    private final TlsSettings settings;
    private final ServerConfig config;
    private volatile SslContext defaultContext;
    private boolean released;
    /** Name (lower case) to context; replaced whole by a reload, read by the I/O threads without a lock. */
    private volatile Map<String, SslContext> byName;
    /** The key material behind {@link #byName}, for the metrics' notAfter per set. */
    private volatile Map<String, KeyMaterial> sniKeys;
    /**
     * Per context: the TLS 1.3 signature schemes its certificate's key can sign with (null: not judged). Concurrent:
     * a reload adds and removes entries while I/O threads read. SslContext keeps Object's identity equality.
     */
    private final Map<SslContext, Set<Integer>> tls13Schemes = new ConcurrentHashMap<>();
    /** The key-exchange groups the engine offers, by code point. */
    private final Set<Integer> groups;

    public TlsContexts(ServerConfig config) throws PfxkitException {
        this.config = config;
        this.provider = provider(config.engine());
        this.groups = TlsSettings.groupCodes(provider == SslProvider.JDK ? TlsSettings.JDK_GROUPS
                : TlsSettings.BORINGSSL_GROUPS);
        this.settings = TlsSettings.of(config.profile(), config.protocols());
        this.defaultContext = config.defaultKey() == null ? null : build(config.defaultKey(), config);
        this.byName = buildAll(config.sniKeys());
        this.sniKeys = config.sniKeys();
    }

    /** One context per name; if one cannot be built, those built so far are released and the refusal thrown. */
    private Map<String, SslContext> buildAll(Map<String, KeyMaterial> keys) throws PfxkitException {
        Map<String, SslContext> built = new HashMap<>();
        try {
            for (Map.Entry<String, KeyMaterial> e : keys.entrySet()) {
                built.put(e.getKey().toLowerCase(Locale.ROOT), build(e.getValue(), config));
            }
        } catch (PfxkitException | RuntimeException e) {
            releaseAll(built.values());
            throw e;
        }
        return Map.copyOf(built);
    }

    private void releaseAll(Iterable<SslContext> contexts) {
        for (SslContext context : contexts) {
            tls13Schemes.remove(context);
            ReferenceCountUtil.release(context);
        }
    }

    /** The SNI names served and their key material (lower case names; empty without SNI sets). */
    public Map<String, KeyMaterial> sniKeys() {
        return sniKeys;
    }

    /** The context for a (sanitised) SNI name, or null when neither the name nor a default has one. */
    public SslContext forName(String sniName) {
        Map<String, SslContext> names = byName;
        if (sniName == null || names.isEmpty()) {
            return defaultContext;
        }
        String name = sniName.toLowerCase(Locale.ROOT);
        SslContext exact = names.get(name);
        if (exact != null) {
            return exact;
        }
        int dot = name.indexOf('.');
        SslContext wildcard = dot > 0 ? names.get("*" + name.substring(dot)) : null;
        return wildcard != null ? wildcard : defaultContext;
    }

    /**
     * A TLS handler from {@code context} (from {@link #forName}). The context is retained around the engine's making:
     * if a reload released it in between, the retain fails and the current default is used instead.
     */
    public SslHandler newHandler(SslContext context, String sniName, ByteBufAllocator alloc) {
        SslContext chosen = context;
        while (true) {
            try {
                ReferenceCountUtil.retain(chosen);
                break;
            } catch (IllegalReferenceCountException released) {
                SslContext current = forName(sniName);
                if (current == chosen || current == null) {
                    throw released; // released at shutdown, not replaced
                }
                chosen = current;
            }
        }
        try {
            return chosen.newHandler(alloc);
        } finally {
            ReferenceCountUtil.release(chosen);
        }
    }

    /**
     * Builds a context for {@code key} (refusing with a PfxkitException what the engine cannot serve) and makes it the
     * default for new connections; the old one is released (freed once its last engine is).
     */
    public synchronized void replaceDefault(KeyMaterial key) throws PfxkitException {
        if (released) {
            throw new PfxkitException(Problem.ENVIRONMENT, "the server has shut down", null);
        }
        SslContext fresh = build(key, config);
        SslContext old = defaultContext;
        defaultContext = fresh;
        if (old != null) {
            releaseAll(List.of(old));
        }
    }

    /**
     * {@link #replaceDefault}, and the SNI names' contexts with it: every context is built before any is swapped, so
     * a set the engine refuses leaves all the old ones serving. Names no longer given stop being served.
     */
    public synchronized void replaceAll(KeyMaterial defaultKey, Map<String, KeyMaterial> sni) throws PfxkitException {
        if (released) {
            throw new PfxkitException(Problem.ENVIRONMENT, "the server has shut down", null);
        }
        Map<String, SslContext> freshByName = buildAll(sni);
        SslContext freshDefault;
        try {
            freshDefault = defaultKey == null ? null : build(defaultKey, config);
        } catch (PfxkitException | RuntimeException e) {
            releaseAll(freshByName.values());
            throw e;
        }
        SslContext oldDefault = defaultContext;
        Map<String, SslContext> oldByName = byName;
        defaultContext = freshDefault;
        byName = freshByName;
        sniKeys = Map.copyOf(sni);
        if (oldDefault != null) {
            releaseAll(List.of(oldDefault));
        }
        releaseAll(oldByName.values());
    }

    /**
     * False when the client offers TLS 1.3, the server does too, and none of the client's signature schemes can sign
     * with this context's key (RFC 8446 section 4.4.3). Judged on the parsed ClientHello, before any engine: the JDK
     * otherwise sends its ServerHello and then fails with internal_error instead of handshake_failure.
     */
    public boolean canSignTls13(SslContext context, ClientHello hello) {
        Set<Integer> ours = tls13Schemes.get(context);
        if (ours == null || hello.signatureSchemes() == null || !hello.offeredVersions().contains("TLSv1.3")
                || !settings.protocols().contains("TLSv1.3")) {
            return true;
        }
        for (Integer scheme : hello.signatureSchemes()) {
            if (ours.contains(scheme)) {
                return true;
            }
        }
        return false;
    }

    /**
     * False when the client's supported_groups names none of the engine's groups: every suite we offer needs an
     * (EC)DHE group (TLS 1.3; TLS 1.2 offers only ECDHE suites), so the handshake cannot succeed, and RFC 8446
     * section 4.1.1 wants handshake_failure. Judged here because JDK 25 answers it with unexpected_message, and both
     * engines refuse a hello above their size limit (BoringSSL 16 KiB, the JDK 32 KiB) before looking at its groups.
     * A hello without the extension is left to the engine (RFC 8422 section 5.1.1 lets a TLS 1.2 server pick).
     */
    public boolean offersCommonGroup(ClientHello hello) {
        if (hello.supportedGroups() == null) {
            return true;
        }
        for (Integer group : hello.supportedGroups()) {
            if (groups.contains(group)) {
                return true;
            }
        }
        return false;
    }

    /** Per-connection settings an engine cannot take from its context: the JDK's groups and signature schemes. */
    public void configure(SSLEngine engine) {
        if (provider == SslProvider.JDK) {
            TlsSettings.configureJdk(engine);
        }
    }

    /** Frees the native contexts; called once, after the last connection is gone. */
    public synchronized void release() {
        released = true;
        if (defaultContext != null) {
            ReferenceCountUtil.release(defaultContext);
        }
        byName.values().forEach(ReferenceCountUtil::release);
    }

    /** "BoringSSL via netty-tcnative (BoringSSL)" or "JDK JSSE (Java 17.0.15)": for the start-up log. */
    public String describe() {
        if (provider == SslProvider.OPENSSL_REFCNT) {
            return "BoringSSL via netty-tcnative (" + OpenSsl.versionString() + ")";
        }
        return "JDK JSSE (Java " + System.getProperty("java.version") + ")";
    }

    public boolean boringSsl() {
        return provider == SslProvider.OPENSSL_REFCNT;
    }

    private static SslProvider provider(TlsEngine engine) throws PfxkitException {
        switch (engine) {
            case JDK:
                return SslProvider.JDK;
            case OPENSSL:
                if (!OpenSsl.isAvailable()) {
                    Throwable why = OpenSsl.unavailabilityCause();
                    throw new PfxkitException(Problem.ENVIRONMENT, "the BoringSSL engine (netty-tcnative) does not "
                            + "load on this machine: " + (why == null ? "unknown reason" : why.getMessage()),
                            "use --engine jdk, or --engine auto to fall back by itself");
                }
                return SslProvider.OPENSSL_REFCNT;
            default:
                return OpenSsl.isAvailable() ? SslProvider.OPENSSL_REFCNT : SslProvider.JDK;
        }
    }

    private SslContext build(KeyMaterial key, ServerConfig config) throws PfxkitException {
        try {
            X509Certificate[] chain = key.chain().toArray(X509Certificate[]::new);
            SslContextBuilder builder = SslContextBuilder.forServer(key.privateKey(), chain)
                    .sslProvider(provider)
                    .protocols(settings.protocols())
                    .ciphers(settings.cipherSuites());
            if (provider == SslProvider.OPENSSL_REFCNT) {
                builder.option(OpenSslContextOption.GROUPS, TlsSettings.BORINGSSL_GROUPS);
            }
            // The JDK engine's groups and signature schemes are set on each engine (configure), as SSLParameters.
            if (!config.clientTrust().isEmpty()) {
                builder.clientAuth(config.clientCertificateRequired() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL)
                        .trustManager(config.clientTrust().toArray(X509Certificate[]::new));
            }
            SslContext context = builder.build();
            tls13Schemes.put(context, TlsSettings.tls13Schemes(chain[0].getPublicKey()));
            return context;
        } catch (SSLException | RuntimeException e) {
            throw new PfxkitException(Problem.UNSUPPORTED_KEY, "cannot serve the certificate '"
                    + key.leaf().getSubjectX500Principal().getName() + "' with the " + provider + " engine: "
                    + FailureClassifier.message(e, null), "try --engine jdk, or a certificate with an EC or RSA key", e);
        }
    }
}

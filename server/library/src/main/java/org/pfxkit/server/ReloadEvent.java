package org.pfxkit.server;

import java.time.Instant;

/**
 * The outcome of one reload of a server's key material: asked by {@link TlsServer#reload()}, by a change of the files
 * it was read from ({@link TlsServerBuilder#watchKeyFiles}), or by the echo server's SIGHUP. A refused reload changes
 * nothing: the server goes on serving the certificate it had.
 *
 * @param at      when the reload was judged
 * @param trigger what asked for it, e.g. {@code "reload()"}, {@code "file change"}, {@code "SIGHUP"}
 * @param source  where the key material was read from, e.g. {@code 'cert.pfx'}
 * @param served  the certificate served from now on: the new one, or on failure the one kept
 * @param failure null when the new certificate is served; else why it was refused, one sentence (it does not parse,
 *                the search finds nothing, it has expired, its key does not match, the engine cannot use it)
 */
public record ReloadEvent(Instant at, String trigger, String source, ChosenCertificate served, String failure) {
    /** True when the new key material is now served. */
    public boolean succeeded() {
        return failure == null;
    }
}

package org.pfxkit.server.internal;

import org.pfxkit.server.FailureCode;
import org.pfxkit.server.FailureEvent.Phase;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Refuses client-initiated renegotiation on the JDK engine after a TLS 1.2 handshake, before the engine sees it.
 * JSSE accepts it (each one a private-key operation for us: testssl's "Secure Client-Initiated Renegotiation ...
 * VULNERABLE (DoS)"), and its only switch, {@code jdk.tls.rejectClientInitiatedRenegotiation}, is a JVM-wide system
 * property, which library code must not set; SSLParameters has no per-engine equivalent in Java 25. TLS 1.2 record
 * headers are plaintext, and after the handshake a client sends handshake records (content type 22) only to
 * renegotiate (RFC 5246 section 7.4.1.2), so the header is enough. The engine has had session creation turned off
 * ({@code SSLEngine.setEnableSessionCreation(false)}, per engine) since its handshake completed, so the renegotiating
 * hello makes it fail with a fatal alert, which is sent; the connection is closed either way, and it is one
 * PROTOCOL_ERROR event, as under BoringSSL (no_renegotiation). A fatal alert rather than a close_notify matters to
 * testssl, whose check reads s_client's exit status. TLS 1.3 has no renegotiation.
 */
final class RenegotiationRefuser extends ChannelInboundHandlerAdapter {
    private final ConnectionGuard guard;
    private final RecordWatcher watcher;
    private boolean refused;

    /** Continues from the watcher that followed the handshake's records, so record boundaries stay known. */
    RenegotiationRefuser(ConnectionGuard guard, RecordWatcher watcher) {
        this.guard = guard;
        this.watcher = watcher;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (refused) {
            in.release();
            return;
        }
        int at = watcher.findHandshakeRecord(in);
        if (at < 0) {
            ctx.fireChannelRead(in);
            return;
        }
        refused = true;
        ctx.channel().config().setAutoRead(false);
        guard.report(FailureCode.PROTOCOL_ERROR, Phase.AFTER_HANDSHAKE, "the client asked to renegotiate (a TLS 1.2 "
                + "ClientHello after the handshake); refused: client-initiated renegotiation is not supported", null);
        guard.finished();
        // The engine has session creation off since the handshake: the hello makes it fail with a fatal alert, which
        // the SslHandler sends (its exception is the twin of the event above). Whatever it did, the connection ends.
        ctx.fireChannelRead(in);
        if (ctx.channel().isActive()) {
            guard.ssl.closeOutbound().addListener(f -> ctx.close());
        }
    }
}

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
 * renegotiate (RFC 5246 section 7.4.1.2), so the header is enough: the record is dropped, the connection gets a
 * close_notify (the JDK engine cannot send a fatal alert on request; BoringSSL and OpenSSL send no_renegotiation)
 * and is closed, and it is one PROTOCOL_ERROR event, as under BoringSSL. TLS 1.3 has no renegotiation.
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
        if (at > in.readerIndex()) {
            ctx.fireChannelRead(in.retainedSlice(in.readerIndex(), at - in.readerIndex()));
        }
        in.release();
        ctx.channel().config().setAutoRead(false);
        guard.report(FailureCode.PROTOCOL_ERROR, Phase.AFTER_HANDSHAKE, "the client asked to renegotiate (a TLS 1.2 "
                + "ClientHello after the handshake); refused: client-initiated renegotiation is not supported", null);
        guard.finished();
        guard.ssl.closeOutbound().addListener(f -> ctx.close());
    }
}

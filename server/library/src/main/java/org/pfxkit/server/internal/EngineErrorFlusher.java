package org.pfxkit.server.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;

/**
 * BoringSSL engine only, after the handshake: makes the engine's error on a bad record reach the pipeline. When
 * {@code SSL_read} fails after the handshake (a corrupted AEAD tag, an oversized record, a renegotiation request),
 * Netty's {@code ReferenceCountedOpenSslEngine.unwrap} stores the error as {@code pendingException} and answers
 * NEED_WRAP so that the alert BoringSSL queued goes out first (netty#3900, #6385); {@code SslHandler} then wraps once,
 * which sends the alert, and the error is thrown only by the engine's next {@code wrap}. After the handshake nothing
 * calls it until the application writes, so the connection stayed open, without an event, until the idle timeout.
 * A flush after each read makes that next wrap: with nothing to send it costs one empty wrap, and when an error is
 * pending it throws, Netty hands the exception to the pipeline (the guard reports it once) and the SslHandler closes.
 * Reported upstream as described in docs/server.md.
 */
final class EngineErrorFlusher extends ChannelInboundHandlerAdapter {
    private final SslHandler ssl;

    EngineErrorFlusher(SslHandler ssl) {
        this.ssl = ssl;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (ssl.handshakeFuture().isSuccess() && ctx.channel().isActive()) {
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }
}

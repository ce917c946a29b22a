package org.pfxkit.server.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;

/**
 * Answers a client's close_notify with our own and closes the connection, as RFC 5246 section 7.2.1 requires and RFC
 * 8446 section 6.1 expects of a server with nothing left to send. Netty's SslHandler reports the client's close_notify
 * as a successful {@link SslCloseCompletionEvent} and leaves the rest to the pipeline; without this handler the
 * connection waited for the idle timeout on both engines. Replies the application wrote before go out first (they
 * are ahead of the close_notify in the SslHandler's queue). An orderly close: no failure event.
 */
final class CloseNotifyResponder extends ChannelInboundHandlerAdapter {
    private final ConnectionGuard guard;
    private final SslHandler ssl;

    CloseNotifyResponder(ConnectionGuard guard, SslHandler ssl) {
        this.guard = guard;
        this.ssl = ssl;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslCloseCompletionEvent closed && closed.isSuccess() && ctx.channel().isActive()) {
            guard.finished();
            ctx.channel().config().setAutoRead(false);
            ssl.closeOutbound().addListener(f -> ctx.close());
        }
        ctx.fireUserEventTriggered(event);
    }
}

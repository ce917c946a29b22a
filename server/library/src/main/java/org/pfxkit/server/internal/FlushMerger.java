package org.pfxkit.server.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Lets a last reply and the close_notify after it leave in one write. SslHandler encrypts and flushes the reply, then
 * on close shuts the engine and flushes the close_notify: two writes, two trips through the network stack, where one
 * carries both. It cannot be done above the SslHandler: once the engine is shut, it encrypts no more application
 * data, so the reply must be encrypted (flushed through the SslHandler) before the close. This handler sits below it
 * and holds that one flush; the close_notify's flush, which the close makes at once, sends both.
 */
final class FlushMerger extends ChannelOutboundHandlerAdapter {
    private boolean holdNext;
    /** A flush was held and has not gone out yet. */
    private boolean holding;

    /** The next flush is held until the following one; a close right after it is what releases it. */
    void holdNextFlush() {
        holdNext = true;
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (holdNext) {
            holdNext = false;
            holding = true;
            return;
        }
        holding = false;
        ctx.flush();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        // Where the close came without the flush that releases the held one (the engine was already shut).
        holdNext = false;
        if (holding) {
            holding = false;
            ctx.flush();
        }
        ctx.close(promise);
    }
}

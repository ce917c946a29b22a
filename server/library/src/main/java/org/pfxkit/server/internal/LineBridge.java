package org.pfxkit.server.internal;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.pfxkit.server.Connection;
import org.pfxkit.server.FailureCode;
import org.pfxkit.server.FailureEvent.Phase;
import org.pfxkit.server.LineHandler;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * Connects decoded lines to the application's {@link LineHandler}, and is the handler's {@link Connection}. Once the
 * application closes, later lines (even ones already decoded from the same read) are dropped, so the seed protocol's
 * "answer the first line only" holds. A line over the limit gets an error reply, close_notify, and a lingering close
 * (input discarded, bounded, until the client closes or the linger ends) so the client can read the reply.
 *
 * <p>Lines end in LF or CRLF, and replies end the way the client's last line did: the seed's Tcl server writes with
 * Tcl's socket default (CRLF) and its clients send CRLF, while Unix tools send LF; a client that waits for its own
 * line ending must get it. The framer keeps the delimiter so that it can be seen here.
 */
final class LineBridge extends ChannelInboundHandlerAdapter implements Connection {
    private static final long LINGER_MILLIS = 2000;

    private final ServerCore core;
    private final ConnectionGuard guard;
    private ChannelHandlerContext ctx;
    private LineHandler handler;
    private volatile boolean closed;
    /** The line ending of the client's last line; LF until one is read. Touched on the I/O thread only. */
    private boolean crlf;

    LineBridge(ServerCore core, ConnectionGuard guard) {
        this.core = core;
        this.guard = guard;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent done && done.isSuccess()) {
            handler = core.config.handler().get();
            call(() -> handler.onOpen(this));
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf line)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (closed || handler == null) {
            line.release();
            return;
        }
        int end = line.writerIndex();
        int length = line.readableBytes();
        // The framer passes the delimiter: LF, or CRLF (LineBasedFrameDecoder knows no other).
        crlf = length >= 2 && line.getByte(end - 2) == '\r';
        int delimiter = crlf ? 2 : length >= 1 && line.getByte(end - 1) == '\n' ? 1 : 0;
        String text = line.toString(line.readerIndex(), length - delimiter, StandardCharsets.UTF_8);
        line.release();
        call(() -> handler.onLine(this, text));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException && !closed) {
            int max = core.config.maxLineLength();
            guard.report(FailureCode.LINE_TOO_LONG, Phase.AFTER_HANDSHAKE,
                    "a line longer than " + max + " bytes; answered with an error and closed", cause);
            closed = true;
            guard.finished();
            ctx.writeAndFlush(encode("error: line longer than " + max + " bytes"))
                    .addListener(f -> guard.ssl.closeOutbound());
            ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        if (cause instanceof TooLongFrameException) {
            return; // discarding the rest of an over-long line during the lingering close
        }
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        if (handler != null) {
            call(() -> handler.onClose(this));
        }
        ctx.fireChannelInactive();
    }

    /** The application's code must not break the connection's bookkeeping: its exception is a failure event. */
    private void call(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            guard.report(FailureCode.INTERNAL, Phase.AFTER_HANDSHAKE,
                    "the line handler threw: " + FailureClassifier.message(e, null), e);
            close();
        }
    }

    private ByteBuf encode(String line) {
        ByteBuf buf = ctx.alloc().buffer(ByteBufUtil.utf8MaxBytes(line) + 2);
        ByteBufUtil.writeUtf8(buf, line);
        if (crlf) {
            buf.writeByte('\r');
        }
        return buf.writeByte('\n');
    }

    @Override
    public long id() {
        return guard.id;
    }

    @Override
    public InetSocketAddress remote() {
        return guard.remote;
    }

    @Override
    public InetSocketAddress local() {
        return guard.local;
    }

    @Override
    public String protocol() {
        return guard.ssl.engine().getSession().getProtocol();
    }

    @Override
    public String sniName() {
        return guard.hello == null ? null : guard.hello.sniName();
    }

    @Override
    public void writeLine(String line) {
        if (!closed) {
            ctx.writeAndFlush(encode(line));
        }
    }

    @Override
    public void writeLineAndClose(String line) {
        if (closed) {
            return;
        }
        closed = true;
        guard.finished();
        // One write for the reply and the close_notify; lines that still arrive are dropped (closed).
        guard.flushMerger.holdNextFlush();
        ctx.writeAndFlush(encode(line));
        ctx.close();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            guard.finished();
            ctx.close();
        }
    }
}

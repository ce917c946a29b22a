package org.pfxkit.server.internal;

import java.nio.charset.StandardCharsets;

import org.pfxkit.server.FailureCode;
import org.pfxkit.server.FailureEvent.Phase;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * The first handler of a connection: it looks at the first bytes before any TLS engine exists. Plaintext HTTP gets a
 * one-line hint (as Go's net/http and nginx answer, "Client sent an HTTP request to an HTTPS server.") and a close;
 * other non-TLS bytes a close. A ClientHello is parsed for the event fields (SNI, offered versions, ALPN), its SNI name
 * picks the certificate, and this handler puts that context's SslHandler after itself, passing the bytes on
 * unchanged. It buffers at most one ClientHello (bounded: {@link ClientHelloParser#MAX_BUFFERED}), and only when the
 * hello arrives in pieces. A malformed hello, or a TLS 1.3 hello whose signature schemes cannot sign with the chosen
 * key, gets a plaintext fatal alert here, before any engine. Until the handshake
 * completes it stays to watch the record headers for a plaintext alert ({@link RecordWatcher}), then leaves; on the
 * JDK engine after a TLS 1.2 handshake it leaves a {@link RenegotiationRefuser} in its place.
 */
final class HelloSniffer extends ChannelInboundHandlerAdapter {
    /** Go's answer (net/http server.go), as a bare HTTP/1.0 response so browsers show it. */
    static final byte[] HTTP_HINT = ("HTTP/1.0 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"
            + "Client sent an HTTP request to a TLS server: use https:// or a TLS client.\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final ByteBuf HINT = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(HTTP_HINT.length).writeBytes(HTTP_HINT).asReadOnly());

    private final ServerCore core;
    private final ConnectionGuard guard;
    private ByteBuf buffered;
    private RecordWatcher watcher;

    HelloSniffer(ServerCore core, ConnectionGuard guard) {
        this.core = core;
        this.guard = guard;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (watcher != null) {
            if (guard.handshakeDone()) {
                ctx.pipeline().remove(this);
            } else {
                watcher.scan(in);
                guard.peerAlert(watcher.alertDescription());
            }
            ctx.fireChannelRead(in);
            return;
        }
        guard.gotBytes();
        ByteBuf data = buffered == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), buffered, in);
        buffered = null;
        ClientHello hello = ClientHelloParser.classify(data);
        if (hello == null) {
            if (data.readableBytes() < ClientHelloParser.MAX_BUFFERED) {
                buffered = data;
                return;
            }
            hello = ClientHello.MALFORMED;
        }
        decide(ctx, hello, data);
    }

    private void decide(ChannelHandlerContext ctx, ClientHello hello, ByteBuf data) {
        guard.hello(hello);
        switch (hello.kind()) {
            case HTTP -> {
                data.release();
                guard.notTls("the client sent a plaintext HTTP request to the TLS port; answered with a hint");
                ctx.writeAndFlush(HINT.duplicate()).addListener(ChannelFutureListener.CLOSE);
            }
            case OTHER -> {
                String first = ByteBufUtil.hexDump(data, data.readerIndex(), Math.min(8, data.readableBytes()));
                data.release();
                guard.notTls("the first bytes are not TLS (hex " + first + ")");
                ctx.close();
            }
            default -> {
                if (hello.defect() != null) {
                    refuse(ctx, hello.defect(), data);
                } else {
                    startTls(ctx, hello, data);
                }
            }
        }
    }

    /**
     * A malformed hello: a plaintext fatal alert (the record a TLS engine would send before any key exists), a close
     * and one PROTOCOL_ERROR event, the same on both engines.
     */
    private void refuse(ChannelHandlerContext ctx, ClientHello.Defect defect, ByteBuf data) {
        data.release();
        guard.report(FailureCode.PROTOCOL_ERROR, Phase.HANDSHAKE, "a malformed ClientHello (" + defect.reason()
                + "); answered with the alert " + FailureClassifier.alertName(defect.alert()), null);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(alert(defect.alert()))).addListener(ChannelFutureListener.CLOSE);
    }

    /** A hello no handshake can follow: handshake_failure (RFC 8446 section 6.2), a close, one NO_COMMON_CIPHER. */
    private void refuseHandshake(ChannelHandlerContext ctx, ByteBuf data, String why) {
        data.release();
        guard.report(FailureCode.NO_COMMON_CIPHER, Phase.HANDSHAKE, why + "; answered with the alert "
                + "handshake_failure", null);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(alert(40))).addListener(ChannelFutureListener.CLOSE);
    }

    /** A plaintext fatal alert record (RFC 8446 section 6): what an engine sends before any key is agreed. */
    private static byte[] alert(int description) {
        return new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, (byte) description};
    }

    private void startTls(ChannelHandlerContext ctx, ClientHello hello, ByteBuf data) {
        SslContext context = core.contexts.forName(hello.sniName());
        if (context == null) {
            data.release();
            guard.report(FailureCode.NO_CERTIFICATE_FOR_SNI, Phase.HANDSHAKE,
                    "no certificate for the SNI name '" + hello.sniName() + "'", null);
            ctx.close();
            return;
        }
        if (!core.contexts.offersCommonGroup(hello)) {
            refuseHandshake(ctx, data, "none of the client's supported groups is one the server offers");
            return;
        }
        if (!core.contexts.canSignTls13(context, hello)) {
            refuseHandshake(ctx, data, "none of the client's TLS 1.3 signature schemes fits the certificate's key");
            return;
        }
        SslHandler ssl = core.contexts.newHandler(context, hello.sniName(), ctx.alloc());
        core.contexts.configure(ssl.engine());
        // The guard's timer covers the whole handshake from the accept; a second timer would race it.
        ssl.setHandshakeTimeoutMillis(0);
        ctx.pipeline().addAfter(ctx.name(), "tls", ssl);
        ctx.pipeline().addBefore("tls", "flush-merger", guard.flushMerger);
        guard.tlsStarted(ssl);
        watcher = new RecordWatcher();
        watcher.scan(data);
        ctx.pipeline().addAfter("tls", "close-notify", new CloseNotifyResponder(guard, ssl));
        if (core.contexts.boringSsl()) {
            ctx.pipeline().addAfter("tls", "engine-errors", new EngineErrorFlusher(ssl));
        } else {
            ssl.handshakeFuture().addListener(f -> {
                if (f.isSuccess() && "TLSv1.2".equals(ssl.engine().getSession().getProtocol())
                        && ctx.pipeline().context(this) != null) {
                    // From here the refuser follows the records, from where this handler's watcher stands; a
                    // renegotiation may not make a new session (the engine then fails it with a fatal alert).
                    ssl.engine().setEnableSessionCreation(false);
                    ctx.pipeline().addAfter(ctx.name(), "renegotiation", new RenegotiationRefuser(guard, watcher));
                    ctx.pipeline().remove(this);
                }
            });
        }
        ctx.fireChannelRead(data);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (buffered != null) {
            buffered.release();
            buffered = null;
        }
    }
}

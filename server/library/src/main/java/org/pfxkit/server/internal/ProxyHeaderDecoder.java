package org.pfxkit.server.internal;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;

/**
 * Netty's PROXY protocol decoder (versions 1 and 2; it emits one {@code HAProxyMessage}, then leaves the pipeline and
 * passes the bytes after the header on), first in a connection's pipeline when the server sits behind a balancer.
 * Two additions, for the failure event: it tells the guard that header bytes arrived (a close in the middle of a
 * header is then an invalid header, not a silent connect-and-close), and it refuses at the first byte that matches
 * neither signature (HAProxy's doc/proxy-protocol.txt: "PROXY " for v1, the 12-byte "\r\n\r\n\0\r\nQUIT\n" for v2),
 * where Netty's decoder would wait for a line end up to 108 bytes, and so for the handshake timeout on a short
 * message. Its failures get a message for people (Netty wraps a parse error's message in another's toString).
 */
final class ProxyHeaderDecoder extends HAProxyMessageDecoder {
    private static final byte[] V1_SIGNATURE = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private final ConnectionGuard guard;
    private final byte[] first = new byte[V2_SIGNATURE.length];
    private int checked;
    private boolean maybeV1 = true;
    private boolean maybeV2 = true;
    private boolean refused;

    ProxyHeaderDecoder(ConnectionGuard guard) {
        this.guard = guard;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf in) {
            if (refused) {
                in.release();
                return;
            }
            if (in.isReadable()) {
                guard.proxyBytes();
            }
            if (!signatureMayMatch(in)) {
                refused = true;
                in.release();
                ctx.close();
                ctx.fireExceptionCaught(new HAProxyProtocolException("the connection does not start with a PROXY "
                        + "protocol header (first bytes, hex: " + ByteBufUtil.hexDump(first, 0, checked) + "): a "
                        + "client that reached the port directly, or a balancer without send-proxy"));
                return;
            }
        }
        super.channelRead(ctx, msg);
    }

    /** Compares the first 12 bytes of the connection, as they arrive, with both signatures. */
    private boolean signatureMayMatch(ByteBuf in) {
        for (int i = in.readerIndex(); i < in.writerIndex() && checked < V2_SIGNATURE.length; i++, checked++) {
            byte b = in.getByte(i);
            first[checked] = b;
            maybeV1 &= checked >= V1_SIGNATURE.length || b == V1_SIGNATURE[checked];
            maybeV2 &= b == V2_SIGNATURE[checked];
        }
        return maybeV1 || maybeV2;
    }

    /**
     * After a refusal the bytes left are not decoded at close, as Netty's decoder would: it could still find a header
     * in them (a bad v1 line, then "PROXY UNKNOWN"), pass it on after the refusal, or fail again. Found by
     * ProxyHeaderDecoderFuzzTest (its Inputs hold the headers).
     */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (refused) {
            ByteBuf left = internalBuffer();
            left.skipBytes(left.readableBytes()); // released when the handler is removed, and not passed on
            ctx.fireChannelInactive();
            return;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && refused) {
            // Refused and reported once already. Netty's decoder decodes the bytes left when the close comes and
            // may fail again on them: after a v2 header with a bad version, "incomplete header", or an
            // IllegalArgumentException from a negative length. The same refusal, with a message that is a class
            // name. Found by ProxyHeaderDecoderFuzzTest (its Inputs hold both headers).
            return;
        }
        if (cause instanceof DecoderException) {
            // Not only HAProxyProtocolException: a v2 TLV whose length runs past the header made Netty's parser
            // throw IndexOutOfBoundsException, wrapped as a bare DecoderException (ProxyHeaderDecoderFuzzTest's
            // Inputs: v2-tlv-length-past-the-header). Whatever failed here, the header is what was invalid.
            refused = true;
            cause = new HAProxyProtocolException("invalid PROXY protocol header: "
                    + Sanitizer.printable(reasons(cause)), cause);
        }
        ctx.fireExceptionCaught(cause);
    }

    /**
     * The messages of the cause chain, joined: Netty's parse error is "invalid HAProxy message" caused by the reason
     * (e.g. "invalid IPv4 address: 192.0.2.300"), and its HAProxyProtocolException(cause) in between takes
     * cause.toString() as its message, a class name that is skipped here.
     */
    private static String reasons(Throwable cause) {
        for (Throwable t = cause; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof IndexOutOfBoundsException) {
                return "a length field runs past the end of the header";
            }
        }
        StringBuilder text = new StringBuilder();
        for (Throwable t = cause; t != null && t.getCause() != t; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank()
                    && (t.getCause() == null || !message.equals(t.getCause().toString()))) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.length() == 0 ? "malformed" : text.toString();
    }
}

package org.pfxkit.server.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.NetUtil;

/**
 * Takes the PROXY header the decoder read and gives the connection the addresses it names, then leaves the pipeline.
 * HAProxy's doc/proxy-protocol.txt: for the PROXY command over TCP/IPv4 or TCP/IPv6 the source is the client and the
 * destination the address it connected to (the balancer's); the LOCAL command ("the connection was established on
 * purpose by the proxy without being relayed", e.g. health checks) and the UNKNOWN or UNIX families keep the
 * socket's own addresses, as the spec asks a receiver to do.
 */
final class ProxiedAddresses extends ChannelInboundHandlerAdapter {
    private final ConnectionGuard guard;

    ProxiedAddresses(ConnectionGuard guard) {
        this.guard = guard;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            InetSocketAddress source = null;
            InetSocketAddress destination = null;
            if (header.command() == HAProxyCommand.PROXY && (header.proxiedProtocol() == HAProxyProxiedProtocol.TCP4
                    || header.proxiedProtocol() == HAProxyProxiedProtocol.TCP6)) {
                source = address(header.sourceAddress(), header.sourcePort());
                destination = address(header.destinationAddress(), header.destinationPort());
            }
            guard.proxyHeader(source, destination);
        } finally {
            header.release();
        }
        ctx.pipeline().remove(this);
    }

    /** A literal IP address, never a DNS look-up (the decoder has checked its syntax); null if it is not one. */
    private static InetSocketAddress address(String ip, int port) {
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(ip);
        return address == null ? null : new InetSocketAddress(address, port);
    }
}

package org.pfxkit.server.internal;

import java.net.InetSocketAddress;

import io.netty.util.NetUtil;

/**
 * Addresses as people write them, for every message that prints one: {@code 127.0.0.1:1234}, {@code [::]:1234},
 * {@code [2001:db8::1]:443}. IPv6 in the RFC 5952 canonical text form (zeros compressed, lowercase), in brackets
 * before a port as RFC 3986 section 3.2.2 writes it; {@link java.net.Inet6Address#getHostAddress()} would print
 * {@code 0:0:0:0:0:0:0:0}.
 */
public final class SocketAddresses {
    private SocketAddresses() {
    }

    /** {@code host:port}; {@code "?"} for a null address; an unresolved one keeps the name it was given. */
    public static String format(InetSocketAddress address) {
        if (address == null) {
            return "?";
        }
        if (address.getAddress() == null) {
            String host = address.getHostString();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
        }
        return NetUtil.toSocketAddressString(address);
    }
}

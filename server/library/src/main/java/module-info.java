/**
 * The pfxkit TLS server library: {@code org.pfxkit.server} is its whole API. Netty, BouncyCastle and the
 * {@code internal} package stay inside; key material, password sources and errors come from pfxkit-shared, which the
 * API's signatures name (so it is required transitively).
 */
module org.pfxkit.server {
    exports org.pfxkit.server;

    requires transitive org.pfxkit.shared;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.haproxy;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.tcnative.classes.openssl;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.unix.common;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.util;
}

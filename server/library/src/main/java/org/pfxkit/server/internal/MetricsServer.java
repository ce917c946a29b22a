package org.pfxkit.server.internal;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Plain HTTP on a port of its own, one event-loop thread: {@code GET /metrics} (the counters, Prometheus text 0.0.4)
 * and {@code GET /healthz} (200 while the TLS port accepts, else 503). Apart from the TLS server's loops, so a
 * scrape never waits behind handshakes, and a flood of handshakes never hides the metrics.
 */
public final class MetricsServer implements AutoCloseable {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final EventLoopGroup group;
    private final Channel channel;

    public MetricsServer(InetSocketAddress address, Counters counters, Supplier<Map<String, X509Certificate>> sets,
                         BooleanSupplier accepting) throws PfxkitException {
        Transport transport = new Transport();
        group = transport.group(1, "pfxkit-metrics");
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                                new Endpoints(counters, sets, accepting));
                    }
                });
        try {
            channel = bootstrap.bind(address).syncUninterruptibly().channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new PfxkitException(Problem.PORT_IN_USE, "cannot serve metrics on "
                    + SocketAddresses.format(address) + ": " + FailureClassifier.message(e, null),
                    "choose another --metrics port, or stop what holds it", e);
        }
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private static final class Endpoints extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Counters counters;
        private final Supplier<Map<String, X509Certificate>> sets;
        private final BooleanSupplier accepting;

        Endpoints(Counters counters, Supplier<Map<String, X509Certificate>> sets, BooleanSupplier accepting) {
            this.counters = counters;
            this.sets = sets;
            this.accepting = accepting;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String path = new QueryStringDecoder(request.uri()).path();
            FullHttpResponse response;
            if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
                response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "GET only\n", "text/plain; charset=utf-8");
            } else if (path.equals("/metrics")) {
                response = text(HttpResponseStatus.OK, PrometheusText.render(counters, sets.get()), CONTENT_TYPE);
            } else if (path.equals("/healthz")) {
                boolean up = accepting.getAsBoolean();
                response = text(up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                        up ? "ok\n" : "not accepting\n", "text/plain; charset=utf-8");
            } else {
                response = text(HttpResponseStatus.NOT_FOUND, "try /metrics or /healthz\n",
                        "text/plain; charset=utf-8");
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            var written = ctx.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a broken scrape connection; nothing to report
        }

        private static FullHttpResponse text(HttpResponseStatus status, String body, String type) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
            HttpUtil.setContentLength(response, response.content().readableBytes());
            return response;
        }
    }
}

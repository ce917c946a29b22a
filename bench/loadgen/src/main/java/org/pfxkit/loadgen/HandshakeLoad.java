package org.pfxkit.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mode {@code handshakes}: keeps {@code concurrency} connections in flight, each a full TLS handshake, one request
 * line and the reply read until the server closes, then the next. After a warm-up it reports, per run, the completed
 * connections, the wall time and the server's CPU time over the same window.
 */
final class HandshakeLoad {
    private final InetSocketAddress server;
    private final SslContext tls;
    private final byte[] request;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong replyBytes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final ConcurrentHashMap<String, AtomicLong> failureKinds = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private Bootstrap bootstrap;

    HandshakeLoad(InetSocketAddress server, SslContext tls, String request) {
        this.server = server;
        this.tls = tls;
        this.request = request.getBytes(StandardCharsets.UTF_8);
    }

    void run(int threads, int concurrency, int warmupSeconds, int runs, int seconds, ServerCpu cpu, PrintStream out)
            throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        try {
            bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            // No peer host: the client keeps no session to resume, so every handshake is a full one.
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()), new OneExchange());
                        }
                    });
            for (int i = 0; i < concurrency; i++) {
                connect();
            }
            TimeUnit.SECONDS.sleep(warmupSeconds);
            for (int run = 1; run <= runs; run++) {
                long n0 = completed.get();
                long b0 = replyBytes.get();
                long f0 = failures.get();
                double c0 = cpu.seconds();
                long t0 = System.nanoTime();
                TimeUnit.SECONDS.sleep(seconds);
                long n = completed.get() - n0;
                double wall = (System.nanoTime() - t0) / 1e9;
                out.printf("run %d connections %d wall %.3f server-cpu %.2f bytes-per-connection %d failures %d%n",
                        run, n, wall, cpu.known() ? cpu.seconds() - c0 : 0.0,
                        n == 0 ? 0 : (replyBytes.get() - b0) / n, failures.get() - f0);
            }
        } finally {
            stopping = true;
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
        out.printf("failures %d %s%n", failures.get(), failureKinds);
    }

    private void connect() {
        if (stopping) {
            return;
        }
        bootstrap.connect(server).addListener(f -> {
            if (!f.isSuccess()) {
                fail(f.cause());
                // Back off a little so a server that refuses does not turn this into a busy loop.
                bootstrap.config().group().schedule(this::connect, 10, TimeUnit.MILLISECONDS);
            }
        });
    }

    private void fail(Throwable cause) {
        failures.incrementAndGet();
        String kind = cause == null ? "no reply" : cause.getClass().getSimpleName();
        failureKinds.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    /** Handshake, send the request line, count the reply, and when the server closes start the next connection. */
    private final class OneExchange extends ChannelInboundHandlerAdapter {
        private boolean handshaken;
        private long bytes;
        private Throwable failure;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent) {
                SslHandshakeCompletionEvent done = (SslHandshakeCompletionEvent) evt;
                if (done.isSuccess()) {
                    handshaken = true;
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(request));
                } else {
                    failure = done.cause();
                    ctx.close();
                }
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            bytes += ((ByteBuf) msg).readableBytes();
            ((ByteBuf) msg).release();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (failure == null && bytes == 0) {
                failure = cause;
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (handshaken && bytes > 0) {
                completed.incrementAndGet();
                replyBytes.addAndGet(bytes);
            } else {
                fail(failure);
            }
            connect();
        }
    }
}

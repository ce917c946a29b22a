package org.pfxkit.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mode {@code hold}: opens {@code connections} TLS connections (at most {@code inFlight} handshakes at a time), sends
 * nothing on them, reports the time it took, then holds them idle for {@code holdSeconds} (or until killed) so the
 * server's memory can be read. Source addresses rotate over 127.0.0.1 .. 127.0.0.N: each has its own ephemeral ports.
 */
final class IdleConnections {
    private final InetSocketAddress server;
    private final SslContext tls;
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong closedByServer = new AtomicLong();

    IdleConnections(InetSocketAddress server, SslContext tls) {
        this.server = server;
        this.tls = tls;
    }

    void run(int threads, int connections, int inFlight, int sources, int holdSeconds, PrintStream out)
            throws InterruptedException, UnknownHostException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        ChannelGroup held = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        Semaphore handshaking = new Semaphore(inFlight);
        try {
            Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()), new Idle(handshaking, held));
                        }
                    });
            InetAddress[] from = new InetAddress[Math.max(1, sources)];
            for (int i = 0; i < from.length; i++) {
                from[i] = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (i + 1)});
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < connections; i++) {
                handshaking.acquire();
                bootstrap.connect(server, new InetSocketAddress(from[i % from.length], 0)).addListener(f -> {
                    if (!f.isSuccess()) {
                        failures.incrementAndGet();
                        handshaking.release();
                    }
                });
            }
            handshaking.acquire(inFlight);
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.printf("opened %d connections in %.2f s failures %d%n", open.get(), seconds, failures.get());
            out.printf("holding %d%n", held.size());
            out.flush();
            TimeUnit.SECONDS.sleep(holdSeconds);
            out.printf("closed by the server while held: %d%n", closedByServer.get());
        } finally {
            held.close().await(30, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(30, TimeUnit.SECONDS);
        }
    }

    private final class Idle extends ChannelInboundHandlerAdapter {
        private final Semaphore handshaking;
        private final ChannelGroup held;
        private boolean released;
        private boolean opened;

        Idle(Semaphore handshaking, ChannelGroup held) {
            this.handshaking = handshaking;
            this.held = held;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent) {
                if (((SslHandshakeCompletionEvent) evt).isSuccess()) {
                    opened = true;
                    open.incrementAndGet();
                    held.add(ctx.channel());
                } else {
                    failures.incrementAndGet();
                    ctx.close();
                }
                release();
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (opened) {
                closedByServer.incrementAndGet();
            } else if (!released) {
                failures.incrementAndGet();
            }
            release();
        }

        private void release() {
            if (!released) {
                released = true;
                handshaking.release();
            }
        }
    }
}

package org.pfxkit.server.internal;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.pfxkit.server.ConnectionListener;
import org.pfxkit.server.ConnectionSummary;
import org.pfxkit.server.FailureEvent;
import org.pfxkit.server.TlsFailureListener;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.keys.KeyMaterial;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.EventExecutor;

/**
 * The Netty side of a running server: event loops, the listening sockets (one per I/O thread on epoll, each accepting
 * what it serves; one acceptor thread on Java NIO), each connection's pipeline ({@code [idle] -> [proxy header decoder
 * -> proxied addresses] -> hello sniffer -> (flush merger -> tls -> [engine errors] -> close-notify) -> line framer ->
 * line bridge -> guard}; the hello sniffer adds the TLS part and, on the JDK engine after a TLS 1.2 handshake, leaves a
 * renegotiation refuser in its place), the counters, and the delivery of events to the server's own listeners (never
 * a global handler; a listener that throws is logged and ignored).
 */
public final class ServerCore {
    private static final System.Logger LOG = System.getLogger("org.pfxkit.server");
    private static final AttributeKey<Long> CONNECTION_ID = AttributeKey.valueOf("pfxkit.connectionId");

    final ServerConfig config;
    final TlsContexts contexts;
    final Counters counters = new Counters();
    final long handshakeTimeoutNanos;
    final ConnectionListener connectionListener;
    private final TlsFailureListener failureListener;
    private final AtomicLong ids = new AtomicLong();
    private final Transport transport = new Transport();
    /** Null where every I/O thread accepts its own connections (epoll). */
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final List<Channel> listeners;
    private final InetSocketAddress requested;
    private volatile CompletableFuture<Void> drained;

    private ServerCore(ServerConfig config, InetSocketAddress address) throws PfxkitException {
        this.config = config;
        this.requested = address;
        this.contexts = new TlsContexts(config);
        this.handshakeTimeoutNanos = config.handshakeTimeout().toNanos();
        this.failureListener = config.failureListener();
        this.connectionListener = config.connectionListener();
        if (config.reusePort()) {
            transport.requireReusePort(); // refuses before any thread exists
        }
        this.workers = transport.group(config.ioThreads(), "pfxkit-io");
        this.boss = transport.acceptsOnEveryLoop() ? null : transport.group(1, "pfxkit-accept");
        try {
            this.listeners = boss == null ? listenOnEveryLoop(address) : List.of(
                    bootstrap(boss, workers).bind(address).syncUninterruptibly().channel());
        } catch (Exception e) {
            // Not only RuntimeException: syncUninterruptibly rethrows the bind's own cause, and epoll's is a checked
            // NativeIoException ("bind(..) failed with error(-98): Address already in use").
            if (boss != null) {
                boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            }
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            contexts.release();
            throw bindFailure(address, e, config.reusePort());
        }
        LOG.log(System.Logger.Level.INFO, "TLS engine: {0}; transport: {1}; listening on {2}",
                contexts.describe(), transport.describe(), SocketAddresses.format(localAddress()));
    }

    private ServerBootstrap bootstrap(EventLoopGroup acceptor, EventLoopGroup connections) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, connections)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                // No TCP_NODELAY child option: Netty sets it on every accepted socket already (both transports), and
                // a second setsockopt per connection costs a system call.
                .handler(new AcceptCounter())
                .childHandler(new Initializer());
        if (config.reusePort() || boss == null) {
            transport.reusePort(bootstrap);
        }
        return bootstrap;
    }

    /**
     * One listening socket per I/O thread, all on one port with SO_REUSEPORT, each accepting on its own thread the
     * connections it then serves: the kernel spreads new connections over the sockets (socket(7)), and no connection
     * is handed from an acceptor thread to another thread, a wake-up and a context switch per connection (as nginx's
     * {@code listen ... reuseport} does). Without --reuse-port the port is first bound once without the option, so
     * that a port another process holds, or another pfxkit server, is refused as in use rather than silently shared.
     */
    private List<Channel> listenOnEveryLoop(InetSocketAddress address) throws IOException {
        if (!config.reusePort() && address.getPort() != 0) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true); // as the listening sockets: connections in TIME_WAIT do not hold it
                probe.bind(address);
            }
        }
        List<Channel> channels = new ArrayList<>();
        InetSocketAddress next = address;
        for (EventExecutor executor : workers) {
            EventLoop loop = (EventLoop) executor;
            Channel channel = bootstrap(loop, loop).bind(next).syncUninterruptibly().channel();
            channels.add(channel);
            // Port 0: the others join the port the first one got.
            next = new InetSocketAddress(address.getAddress(), ((InetSocketAddress) channel.localAddress()).getPort());
        }
        return List.copyOf(channels);
    }

    public static ServerCore start(ServerConfig config, InetSocketAddress address) throws PfxkitException {
        return new ServerCore(config, address);
    }

    /**
     * The address as requested, with the real port (port 0 picks one). A dual-stack socket bound to 0.0.0.0 reads
     * back as {@code ::}, which is not what the user asked for nor what the docs show.
     */
    public InetSocketAddress localAddress() {
        InetSocketAddress bound = (InetSocketAddress) listeners.getFirst().localAddress();
        boolean wildcards = requested.getAddress() != null && requested.getAddress().isAnyLocalAddress()
                && bound.getAddress() != null && bound.getAddress().isAnyLocalAddress();
        return wildcards ? new InetSocketAddress(requested.getAddress(), bound.getPort()) : bound;
    }

    public Counters counters() {
        return counters;
    }

    /** Serves {@code key} as the default certificate to new connections; open ones keep theirs. */
    public void replaceDefaultKey(KeyMaterial key) throws PfxkitException {
        contexts.replaceDefault(key);
    }

    /** {@link #replaceDefaultKey}, and the SNI names' certificates with it, all or none. */
    public void replaceKeys(KeyMaterial defaultKey, Map<String, KeyMaterial> sni) throws PfxkitException {
        contexts.replaceAll(defaultKey, sni);
    }

    /** True while the listening socket is open (until shutdown starts). */
    public boolean accepting() {
        return listeners.stream().anyMatch(Channel::isActive);
    }

    /** The leaf certificate of each SNI name's set. */
    public Map<String, X509Certificate> sniLeaves() {
        Map<String, X509Certificate> leaves = new TreeMap<>();
        contexts.sniKeys().forEach((name, key) -> leaves.put(name, key.leaf()));
        return leaves;
    }

    public String engineDescription() {
        return contexts.describe();
    }

    public String transportDescription() {
        return transport.describe();
    }

    /**
     * Stops accepting, waits up to {@code grace} for open connections to finish, then closes what is left. True when
     * every connection finished by itself.
     */
    public boolean shutdown(Duration grace) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        drained = done;
        // Each listener closes on its accepting thread, after the connections it accepted last were counted as open
        // (AcceptCounter runs there too), so "drained" is not judged before them.
        listeners.forEach(listener -> listener.close().syncUninterruptibly());
        if (boss != null) {
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (counters.active.get() == 0) {
            done.complete(null);
        }
        boolean clean;
        try {
            done.get(grace.toMillis(), TimeUnit.MILLISECONDS);
            clean = true;
        } catch (TimeoutException | ExecutionException e) {
            clean = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
        }
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        contexts.release();
        return clean;
    }

    void deliver(FailureEvent event) {
        counters.failed(event.code());
        if (failureListener == null) {
            return;
        }
        try {
            failureListener.onFailure(event);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "the failure listener threw while handling connection "
                    + event.connectionId() + " (" + event.code() + "); the server goes on", e);
        }
    }

    void closed(ConnectionSummary summary) {
        try {
            connectionListener.onClosed(summary);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "the connection listener threw for connection "
                    + summary.connectionId() + "; the server goes on", e);
        }
    }

    void connectionClosed() {
        if (counters.active.decrementAndGet() == 0) {
            CompletableFuture<Void> done = drained;
            if (done != null) {
                done.complete(null);
            }
        }
    }

    private static PfxkitException bindFailure(InetSocketAddress address, Exception e, boolean reusePort) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        String where = "cannot listen on " + SocketAddresses.format(address) + ": ";
        // Epoll reports EADDRINUSE as a NativeIoException, NIO as a BindException; both say "in use".
        if (String.valueOf(cause.getMessage()).contains("in use")) {
            String what = where + "the port is already in use";
            if (reusePort) {
                // The kernel shares a port only among sockets that all set SO_REUSEPORT, under one user (socket(7)).
                return new PfxkitException(Problem.PORT_IN_USE, what, "every process on port " + address.getPort()
                        + " must be started with --reuse-port, as the same user; find the one that was not with "
                        + "ss -ltnp 'sport = :" + address.getPort() + "'", e);
            }
            return new PfxkitException(Problem.PORT_IN_USE, what, "choose another --port (0 picks a free one), or "
                    + "stop the process that holds it (ss -ltnp 'sport = :" + address.getPort() + "')", e);
        }
        return new PfxkitException(Problem.ENVIRONMENT, where + FailureClassifier.message(cause, null),
                "check the --bind address", e);
    }

    /**
     * Counts a connection as open on the thread that accepted it, as it is accepted: before its registration (on
     * another I/O thread where one acceptor thread serves them all), so a graceful shutdown never judges "no
     * connections left" while one is on its way. A connection over the limit is closed here, before it costs a
     * pipeline.
     */
    @ChannelHandler.Sharable
    private final class AcceptCounter extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object accepted) {
            Channel child = (Channel) accepted;
            counters.accepted.increment();
            // The limit is judged here too, at accept, one connection at a time: judged later, once their pipelines
            // ran, connections accepted together all saw the final count and were all refused.
            if (counters.active.incrementAndGet() > config.maxConnections()) {
                counters.rejected.increment();
                child.unsafe().closeForcibly();
                connectionClosed();
                return;
            }
            // Ids in accept order, given at accept: given later, two connections accepted one after the other by
            // one thread could get their ids the other way round.
            child.attr(CONNECTION_ID).set(ids.incrementAndGet());
            ctx.fireChannelRead(child);
        }
    }

    @ChannelHandler.Sharable
    private final class Initializer extends ChannelInitializer<Channel> {
        @Override
        protected void initChannel(Channel ch) {
            ConnectionGuard guard = new ConnectionGuard(ServerCore.this, ch.attr(CONNECTION_ID).get());
            ChannelPipeline p = ch.pipeline();
            if (!config.idleTimeout().isZero()) {
                p.addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
            }
            if (config.proxyProtocol()) {
                // First, before anything reads the bytes: the header names the client the rest reports.
                p.addLast("proxy", new ProxyHeaderDecoder(guard));
                p.addLast("proxied", new ProxiedAddresses(guard));
            }
            p.addLast("hello", new HelloSniffer(ServerCore.this, guard));
            // The delimiter is kept: LineBridge answers with the line ending the client used.
            p.addLast("lines", new LineBasedFrameDecoder(config.maxLineLength(), false, true));
            p.addLast("app", new LineBridge(ServerCore.this, guard));
            p.addLast("guard", guard);
        }
    }
}

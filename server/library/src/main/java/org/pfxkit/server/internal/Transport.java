package org.pfxkit.server.internal;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** Native epoll where it loads (Linux), else Java NIO: the event loops and the server channel type. */
public final class Transport {
    private final boolean epoll;
    private final Throwable epollUnavailable;

    public Transport() {
        this(Epoll.isAvailable(), Epoll.unavailabilityCause());
    }

    /** For tests: a transport as it would be where epoll does not load (for the given reason). */
    Transport(boolean epoll, Throwable epollUnavailable) {
        this.epoll = epoll;
        this.epollUnavailable = epollUnavailable;
    }

    public String describe() {
        return epoll ? "epoll" : "nio";
    }

    /** Non-daemon threads: a running server keeps the JVM alive until it is shut down, as Netty's defaults do. */
    public EventLoopGroup group(int threads, String name) {
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, false), factory);
    }

    public Class<? extends ServerChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /**
     * True where every event loop can listen on the port itself (SO_REUSEPORT, Linux, which here means the epoll
     * transport), so connections need no hand-off from an acceptor thread.
     */
    public boolean acceptsOnEveryLoop() {
        return epoll;
    }

    /**
     * Refuses --reuse-port where it cannot work: SO_REUSEPORT lets several sockets (each setting it, as the same user)
     * listen on one port and the kernel spreads new connections over them by a hash of the connection's addresses
     * (Linux socket(7), since 3.9). That behaviour is Linux's, and here Linux means the epoll transport: where the
     * server falls back to Java NIO (epoll did not load, or another system) the option is missing (Windows) or only
     * lets a second socket bind without spreading connections (the BSDs, macOS), so it refuses rather than half work.
     */
    public void requireReusePort() throws PfxkitException {
        if (!epoll) {
            String why = epollUnavailable == null || epollUnavailable.getMessage() == null
                    ? "it did not load" : epollUnavailable.getMessage();
            throw new PfxkitException(Problem.ENVIRONMENT, "cannot share the port (--reuse-port): SO_REUSEPORT "
                    + "needs Netty's native epoll transport (Linux), which is not available here (" + why + ")",
                    "run on Linux with Netty's native epoll library for the machine (the server jar ships the "
                            + "x86_64 one), or start a single process without --reuse-port", null);
        }
    }

    /** Sets SO_REUSEPORT on the listening socket; only after {@link #requireReusePort()} accepted. */
    public void reusePort(ServerBootstrap bootstrap) {
        bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
    }
}

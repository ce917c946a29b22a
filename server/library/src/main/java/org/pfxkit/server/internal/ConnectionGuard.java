package org.pfxkit.server.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import org.pfxkit.server.ConnectionSummary;
import org.pfxkit.server.FailureCode;
import org.pfxkit.server.FailureEvent;
import org.pfxkit.server.FailureEvent.Phase;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;

/**
 * The last handler of a connection: it owns the connection's state (id, accept time, what the first bytes showed),
 * the handshake timer, and reports the connection's failure exactly once. A failed handshake is reported from
 * {@link SslHandler#handshakeFuture()} (it completes once, for an alert, a close or a reset); the same failure also
 * arrives here as {@code DecoderException(SSLException)} through exceptionCaught, and that duplicate is dropped.
 * Nothing of one connection's failure reaches a global handler: every exception ends here.
 */
final class ConnectionGuard extends ChannelInboundHandlerAdapter
        implements Runnable, GenericFutureListener<Future<Channel>> {

    /** The causes for a close before the TLS engine took over: stackless, shared, with a message for people. */
    private static final ClosedChannelException CLOSED_SILENT = closed("the client closed the connection without "
            + "sending a byte");
    private static final ClosedChannelException CLOSED_MID_HELLO = closed("the client closed the connection in the "
            + "middle of its ClientHello");
    private static final ClosedChannelException CLOSED_AFTER_PROXY_HEADER = closed("the client closed the connection "
            + "after its PROXY header, without sending a TLS byte");

    private static ClosedChannelException closed(String message) {
        return new ClosedChannelException() {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized Throwable fillInStackTrace() {
                return this;
            }

            @Override
            public String getMessage() {
                return message;
            }
        };
    }

    private final ServerCore core;
    final long id;
    private ChannelHandlerContext ctx;
    private long acceptNanos;
    private long acceptMillis;
    /** The socket's addresses, or the ones a PROXY header named; read by the application from any thread. */
    volatile InetSocketAddress remote;
    volatile InetSocketAddress local;
    /** With the PROXY protocol on: true until the header has been read. */
    private boolean proxyPending;
    private boolean proxyBytes;
    private ScheduledFuture<?> timer;
    private boolean gotBytes;
    ClientHello hello;
    SslHandler ssl;
    /** Below the SslHandler once TLS starts: lets the last reply and the close_notify leave in one write. */
    final FlushMerger flushMerger = new FlushMerger();
    private boolean handshakeDone;
    private FailureCode failure;
    private volatile boolean finished;
    private Throwable transportError;
    private int peerAlert = -1;

    ConnectionGuard(ServerCore core, long id) {
        this.core = core;
        this.id = id;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.acceptNanos = System.nanoTime();
        this.acceptMillis = System.currentTimeMillis();
        this.remote = (InetSocketAddress) ctx.channel().remoteAddress();
        this.local = (InetSocketAddress) ctx.channel().localAddress();
        this.proxyPending = core.config.proxyProtocol();
        this.timer = ctx.executor().schedule(this, core.handshakeTimeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Bytes of the PROXY header arrived. */
    void proxyBytes() {
        proxyBytes = true;
    }

    /** The PROXY header was read; null addresses (a LOCAL command, an unknown family) keep the socket's. */
    void proxyHeader(InetSocketAddress source, InetSocketAddress destination) {
        proxyPending = false;
        if (source != null) {
            remote = source;
        }
        if (destination != null) {
            local = destination;
        }
    }

    void gotBytes() {
        gotBytes = true;
    }

    void hello(ClientHello hello) {
        this.hello = hello;
    }

    boolean handshakeDone() {
        return handshakeDone;
    }

    /** The description of a plaintext alert the client sent during the handshake, or -1. */
    void peerAlert(int description) {
        peerAlert = description;
    }

    /** The TLS engine took over: its handshake future tells the outcome. */
    void tlsStarted(SslHandler handler) {
        this.ssl = handler;
        handler.handshakeFuture().addListener(this);
    }

    /** The application closed the connection: what the peer does after that is not a failure. */
    void finished() {
        finished = true;
    }

    /** The handshake timer: the code comes from the table, like every other handshake failure. */
    @Override
    public void run() {
        timer = null;
        if (!handshakeDone && failure == null) {
            long ms = TimeUnit.NANOSECONDS.toMillis(core.handshakeTimeoutNanos);
            String seen = gotBytes ? "it started but did not finish"
                    : proxyPending ? (proxyBytes ? "the PROXY header did not finish" : "the client sent nothing")
                    : core.config.proxyProtocol() ? "the client sent its PROXY header, then nothing"
                    : "the client sent nothing";
            reportClassified(new SslHandshakeTimeoutException("no TLS handshake within " + ms + " ms (" + seen + ")"),
                    Phase.HANDSHAKE);
            ctx.close();
        }
    }

    /** The first bytes are not TLS: the table names it from what the parser saw. */
    void notTls(String message) {
        if (failure == null) {
            FailureCode code = FailureClassifier.classify(
                    new FailureClassifier.Signals(null, Phase.HANDSHAKE, gotBytes, hello, transportError));
            report(code, Phase.HANDSHAKE, message, null);
        }
    }

    /** The handshake's outcome, once. */
    @Override
    public void operationComplete(Future<Channel> future) {
        cancelTimer();
        if (future.isSuccess()) {
            handshakeDone = true;
            core.counters.handshake(ssl.engine().getSession().getProtocol(), NegotiatedGroup.of(ssl.engine()));
        } else {
            reportClassified(future.cause(), Phase.HANDSHAKE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException && !(cause instanceof SSLException)) {
            // A reset or broken pipe: during the handshake the engine's future (or channelInactive) reports it with
            // this as evidence; after it, it is the peer going away under our write.
            if (transportError == null) {
                transportError = cause;
            }
            if (handshakeDone && !finished) {
                reportClassified(cause, Phase.AFTER_HANDSHAKE);
            }
        } else if (!handshakeDone) {
            if (ssl == null) {
                reportClassified(cause, Phase.HANDSHAKE);
            }
            // else: the DecoderException(SSLException) twin of the failed handshake future; that one reports.
        } else if (!finished) {
            reportClassified(cause, Phase.AFTER_HANDSHAKE);
        }
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            if (handshakeDone) {
                core.counters.idleClosed.increment();
                finished = true;
                ctx.close();
            } else {
                run();
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimer();
        if (!handshakeDone && failure == null && ssl == null) {
            if (proxyPending && proxyBytes) {
                reportClassified(new HAProxyProtocolException("the connection " + (transportError != null
                        ? "was reset" : "closed") + " in the middle of its PROXY header"), Phase.HANDSHAKE);
            } else {
                reportClassified(transportError != null ? transportError : gotBytes ? CLOSED_MID_HELLO
                        : core.config.proxyProtocol() && !proxyPending ? CLOSED_AFTER_PROXY_HEADER : CLOSED_SILENT,
                        Phase.HANDSHAKE);
            }
        }
        if (core.connectionListener != null) {
            core.closed(summary());
        }
        core.connectionClosed();
    }

    void report(FailureCode code, Phase phase, String message, Throwable cause) {
        if (failure != null) {
            return;
        }
        failure = code;
        ClientHello h = hello;
        core.deliver(new FailureEvent(id, remote, local, Instant.now(),
                Duration.ofNanos(System.nanoTime() - acceptNanos), phase, h == null ? null : h.sniName(),
                h == null ? List.of() : h.offeredVersions(), h == null ? List.of() : h.offeredAlpn(), code, message,
                PublicCause.of(cause)));
    }

    private void reportClassified(Throwable cause, Phase phase) {
        if (failure != null) {
            return;
        }
        FailureCode code = FailureClassifier.classify(
                new FailureClassifier.Signals(cause, phase, gotBytes, hello, transportError, peerAlert));
        // Netty reports a reset during the handshake as a ClosedChannelException; the reset itself is the cause.
        Throwable reported = cause instanceof ClosedChannelException && transportError != null ? transportError : cause;
        String message = FailureClassifier.message(reported, transportError);
        if (peerAlert >= 0 && code != FailureCode.PROTOCOL_ERROR) {
            message = "the client sent the alert " + FailureClassifier.alertName(peerAlert) + " (engine: " + message + ")";
        }
        report(code, phase, message, reported);
    }

    private ConnectionSummary summary() {
        String protocol = null;
        String cipher = null;
        String clientSubject = null;
        if (handshakeDone) {
            SSLSession session = ssl.engine().getSession();
            protocol = session.getProtocol();
            cipher = session.getCipherSuite();
            clientSubject = clientSubject(session);
        }
        return new ConnectionSummary(id, remote, local, java.time.Instant.ofEpochMilli(acceptMillis),
                Duration.ofNanos(System.nanoTime() - acceptNanos), protocol, cipher,
                hello == null ? null : hello.sniName(), failure, clientSubject);
    }

    /** The verified client certificate's subject; null when the client sent none (or none was asked for). */
    private static String clientSubject(SSLSession session) {
        try {
            return session.getPeerPrincipal().getName();
        } catch (SSLPeerUnverifiedException none) {
            return null;
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}

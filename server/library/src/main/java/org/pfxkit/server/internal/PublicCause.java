package org.pfxkit.server.internal;

import java.io.IOException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLProtocolException;

import io.netty.handler.codec.CodecException;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;

/**
 * What {@code FailureEvent.cause()} hands the application: JDK exception types, never Netty's, so that code handling
 * events depends on the JDK and pfxkit alone and keeps working when Netty changes its exceptions. A Netty wrapper
 * ({@code DecoderException}) gives way to what it wraps; a Netty exception becomes the nearest JDK type
 * ({@code SslHandshakeTimeoutException} an {@link SSLHandshakeException}, {@code NotSslRecordException} an
 * {@link SSLException}, {@code StacklessClosedChannelException} a {@link ClosedChannelException}, a native
 * {@code NativeIoException} an {@link IOException}, a bad PROXY header a {@link ProtocolException}) with the same
 * message and stack trace. The failure code is judged on the original, before this.
 */
final class PublicCause {
    private PublicCause() {
    }

    static Throwable of(Throwable cause) {
        if (cause == null || !nettyInChain(cause)) {
            return cause;
        }
        if (fromNetty(cause) && cause instanceof CodecException && !(cause instanceof HAProxyProtocolException)
                && cause.getCause() != null && cause.getCause() != cause) {
            return of(cause.getCause());
        }
        // A Netty type, or a JDK one whose causes hold one (an SSLException around Netty's OpenSslException): the
        // JDK type nearest to it, with its message and stack trace, and the chain below mapped the same way.
        String message = cause.getMessage();
        Throwable replacement;
        if (cause instanceof SSLHandshakeException) {
            replacement = new SSLHandshakeException(message);
        } else if (cause instanceof SSLProtocolException) {
            replacement = new SSLProtocolException(message);
        } else if (cause instanceof SSLException) {
            replacement = new SSLException(message);
        } else if (cause instanceof ClosedChannelException) {
            replacement = new ClosedChannelException();
        } else if (cause instanceof HAProxyProtocolException || cause instanceof ProtocolException) {
            replacement = new ProtocolException(message);
        } else if (cause instanceof SocketException) {
            replacement = new SocketException(message);
        } else if (cause instanceof IOException || fromNetty(cause)) {
            replacement = new IOException(message);
        } else {
            replacement = new RuntimeException(cause.getClass().getName() + ": " + message);
        }
        replacement.setStackTrace(cause.getStackTrace());
        Throwable inner = cause.getCause();
        if (inner != null && inner != cause) {
            replacement.initCause(of(inner));
        }
        return replacement;
    }

    private static boolean nettyInChain(Throwable t) {
        for (int depth = 0; t != null && depth < 16; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (fromNetty(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean fromNetty(Throwable t) {
        return t.getClass().getName().startsWith("io.netty.");
    }
}

package org.pfxkit.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.net.ProtocolException;
import java.nio.channels.ClosedChannelException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

class PublicCauseTest {
    @Test
    void nettyTypesBecomeTheNearestJdkTypeWithTheirMessage() {
        Throwable timeout = PublicCause.of(new SslHandshakeTimeoutException("handshake timed out after 10000ms"));
        assertEquals(SSLHandshakeException.class, timeout.getClass());
        assertEquals("handshake timed out after 10000ms", timeout.getMessage());
        assertEquals(SSLException.class, PublicCause.of(new NotSslRecordException("not an SSL/TLS record")).getClass());
        assertEquals(ProtocolException.class, PublicCause.of(new HAProxyProtocolException("bad header")).getClass());
        assertInstanceOf(ClosedChannelException.class, PublicCause.of(new ClosedChannelException() {
            // stands for Netty's StacklessClosedChannelException, which is not public
        }));
    }

    @Test
    void aDecoderExceptionGivesWayToWhatItWrapsAndJdkTypesStayAsTheyAre() {
        SSLException inner = new SSLException("bad record MAC");
        assertSame(inner, PublicCause.of(new DecoderException(inner)));
        IOException reset = new IOException("Connection reset by peer");
        assertSame(reset, PublicCause.of(reset));
        Throwable wrapped = PublicCause.of(new NotSslRecordException("outer", new DecoderException("inner")));
        assertEquals(IOException.class, wrapped.getCause().getClass(), "the chain is mapped too");
        Throwable jdkAroundNetty = PublicCause.of(new SSLHandshakeException("handshake failed",
                new NotSslRecordException("inside")));
        assertEquals(SSLHandshakeException.class, jdkAroundNetty.getClass());
        assertEquals(SSLException.class, jdkAroundNetty.getCause().getClass());
        assertEquals("inside", jdkAroundNetty.getCause().getMessage());
    }
}

package org.pfxkit.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.epoll.EpollChannelOption;

class TransportTest {
    @Test
    void reusePortOnJavaNioIsRefusedWithTheReasonAndWhatToDo() {
        Transport nio = new Transport(false, new UnsatisfiedLinkError("could not load libnetty_transport_native_epoll"));
        PfxkitException e = assertThrows(PfxkitException.class, nio::requireReusePort);
        assertEquals(Problem.ENVIRONMENT, e.problem());
        assertTrue(e.getMessage().contains("SO_REUSEPORT needs Netty's native epoll transport"), e.getMessage());
        assertTrue(e.getMessage().contains("could not load libnetty_transport_native_epoll"), e.getMessage());
        assertTrue(e.hint().contains("without --reuse-port"), e.hint());
    }

    @Test
    void reusePortOnEpollSetsTheSocketOption() throws Exception {
        ServerBootstrap bootstrap = new ServerBootstrap();
        new Transport(true, null).reusePort(bootstrap);
        assertEquals(Boolean.TRUE, bootstrap.config().options().get(EpollChannelOption.SO_REUSEPORT));
    }
}

package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/** The server's failure events once every connection has closed: what "exactly one event" is counted on. */
final class Settled {
    private Settled() {
    }

    /**
     * Waits (at most 20 s) until the server has no open connection, then returns every failure event delivered. A
     * connection's events are delivered before it stops counting as open, so nothing for it can come later.
     */
    static List<FailureEvent> events(TestServer server) throws InterruptedException {
        for (int i = 0; i < 400 && server.server.counters().active() > 0; i++) {
            Thread.sleep(50);
        }
        assertEquals(0, server.server.counters().active(), "a connection is still open");
        List<FailureEvent> events = server.deliveredEvents();
        assertEquals(events.size(), server.server.counters().failuresTotal(), "events delivered vs counted");
        return events;
    }

    /** The one failure event of the server's connections, with the given code. */
    static FailureEvent oneEvent(TestServer server, FailureCode code) throws InterruptedException {
        List<FailureEvent> events = events(server);
        assertEquals(1, events.size(), events::toString);
        assertEquals(code, events.get(0).code(), events::toString);
        return events.get(0);
    }
}

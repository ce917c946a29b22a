package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.keys.KeyMaterial;
import org.pfxkit.shared.testing.TestPki;

/**
 * A real server on a free loopback port for one test, with its failure events and its connections' close summaries
 * collected. Certificates: one test root and a localhost leaf (EC P-256, cached keys), made once per JVM.
 *
 * <p>"Exactly one event" is checked after the fact has settled, never by waiting a while for a second event: a
 * connection's close summary is the last thing the server reports about it (from channelInactive of the pipeline's
 * last handler, after the TLS handler has failed its handshake future), so once it has arrived every event of that
 * connection has been delivered and can be counted.
 */
final class TestServer implements AutoCloseable {
    static final TestPki.Issued ROOT = TestPki.rootCa("pfxkit Server Test Root");
    static final TestPki.Issued LEAF = ROOT.issue(TestPki.leaf("localhost").dns("localhost").serverAuth()
            .sharedKey("server-leaf"));

    final TlsServer server;
    private final BlockingQueue<FailureEvent> events;
    /** Every event the listener was given, taken from the queue or not. */
    private final List<FailureEvent> delivered;
    private final Closed closed;

    /** The close summaries, in order and by connection id. */
    private static final class Closed {
        final BlockingQueue<ConnectionSummary> inOrder = new LinkedBlockingQueue<>();
        final Map<Long, CompletableFuture<ConnectionSummary>> byId = new ConcurrentHashMap<>();

        void add(ConnectionSummary summary) {
            byId.computeIfAbsent(summary.connectionId(), id -> new CompletableFuture<>()).complete(summary);
            inOrder.add(summary);
        }
    }

    private TestServer(TlsServer server, BlockingQueue<FailureEvent> events, List<FailureEvent> delivered,
                       Closed closed) {
        this.server = server;
        this.events = events;
        this.delivered = delivered;
        this.closed = closed;
    }

    static KeyMaterial leafMaterial() {
        return new KeyMaterial(LEAF.privateKey(), LEAF.chain());
    }

    static TestServer start(TlsEngine engine) throws PfxkitException {
        return start(engine, b -> { });
    }

    /** Starts with the test leaf, the given engine and whatever the customizer adds (it may replace the listener). */
    static TestServer start(TlsEngine engine, Consumer<TlsServerBuilder> customizer) throws PfxkitException {
        return startWithout(engine, b -> customizer.accept(b.keyMaterial(leafMaterial())));
    }

    /** As {@link #start(TlsEngine, Consumer)} without the default certificate (for SNI-only servers). */
    static TestServer startWithout(TlsEngine engine, Consumer<TlsServerBuilder> customizer) throws PfxkitException {
        BlockingQueue<FailureEvent> queue = new LinkedBlockingQueue<>();
        List<FailureEvent> delivered = new CopyOnWriteArrayList<>();
        Closed closed = new Closed();
        TlsServerBuilder builder = TlsServer.builder()
                .engine(engine)
                .ioThreads(2)
                .onFailure(e -> {
                    delivered.add(e);
                    queue.add(e);
                })
                .onConnection(closed::add);
        customizer.accept(builder);
        if (System.getProperty("pfxkit.recordCauses") != null) {
            builder.onFailure(e -> {
                CauseRecorder.record(engine, e);
                delivered.add(e);
                queue.add(e);
            });
        }
        return new TestServer(builder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), queue,
                delivered, closed);
    }

    int port() {
        return server.port();
    }

    /** The next failure event; fails the test when none comes within 20 s (a bound, not a timing assertion). */
    FailureEvent nextEvent() throws InterruptedException {
        FailureEvent e = events.poll(20, TimeUnit.SECONDS);
        assertNotNull(e, "no failure event was delivered");
        return e;
    }

    /** The close summary of the next connection to close; fails when none comes within 20 s (a bound). */
    ConnectionSummary nextClosed() throws InterruptedException {
        ConnectionSummary summary = closed.inOrder.poll(20, TimeUnit.SECONDS);
        assertNotNull(summary, "no connection closed");
        return summary;
    }

    /** The close summary of connection {@code id}, once it has closed (20 s bound). */
    ConnectionSummary awaitClosed(long id) throws Exception {
        return closed.byId.computeIfAbsent(id, key -> new CompletableFuture<>()).get(20, TimeUnit.SECONDS);
    }

    /**
     * {@code event} is the only failure event of its connection: once the connection has closed, its summary names
     * the same code, the listener was given no other event of it, and the server's counter for the code agrees with
     * the events delivered.
     */
    void assertOnlyEventOfItsConnection(FailureEvent event) throws Exception {
        ConnectionSummary summary = awaitClosed(event.connectionId());
        assertEquals(event.code(), summary.failure(), "the connection's summary names its one failure");
        assertEquals(List.of(event), eventsOf(event.connectionId()), "exactly one event per failed connection");
        long sameCode = delivered.stream().filter(e -> e.code() == event.code()).count();
        assertEquals(sameCode, server.counters().failures().get(event.code()), "the server's count of " + event.code());
    }

    /** Every event delivered for connection {@code id}, taken or not. */
    List<FailureEvent> eventsOf(long id) {
        return delivered.stream().filter(e -> e.connectionId() == id).toList();
    }

    /** The next connection to close was served without a failure, and no event names it. */
    ConnectionSummary assertNextClosedWithoutFailure() throws Exception {
        ConnectionSummary summary = nextClosed();
        assertEquals(null, summary.failure(), summary::toString);
        assertEquals(List.of(), eventsOf(summary.connectionId()), "no failure event for a served connection");
        return summary;
    }

    /** Every event delivered so far (for a count after every connection has closed). */
    List<FailureEvent> deliveredEvents() {
        return List.copyOf(delivered);
    }

    @Override
    public void close() {
        server.shutdown(Duration.ofSeconds(2));
    }
}

package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.keys.KeyMaterial;
import org.pfxkit.shared.testing.TestPki;

/**
 * A real server on a free loopback port for one test, with its failure events collected in a queue. Certificates:
 * one test root and a localhost leaf (EC P-256, cached keys), made once per JVM.
 */
final class TestServer implements AutoCloseable {
    static final TestPki.Issued ROOT = TestPki.rootCa("pfxkit Server Test Root");
    static final TestPki.Issued LEAF = ROOT.issue(TestPki.leaf("localhost").dns("localhost").serverAuth()
            .sharedKey("server-leaf"));

    final TlsServer server;
    private final BlockingQueue<FailureEvent> events;

    private TestServer(TlsServer server, BlockingQueue<FailureEvent> events) {
        this.server = server;
        this.events = events;
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
        TlsServerBuilder builder = TlsServer.builder()
                .engine(engine)
                .ioThreads(2)
                .onFailure(queue::add);
        customizer.accept(builder);
        if (System.getProperty("pfxkit.recordCauses") != null) {
            builder.onFailure(e -> {
                CauseRecorder.record(engine, e);
                queue.add(e);
            });
        }
        return new TestServer(builder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), queue);
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

    /** A short wait that finds no further event: used to check "exactly one". */
    FailureEvent pollEvent(Duration wait) throws InterruptedException {
        return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        server.shutdown(Duration.ofSeconds(2));
    }
}

package org.pfxkit.server.internal;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.pfxkit.server.FailureCode;
import org.pfxkit.server.ServerCounters;

/** The live counters of one server: contention-free adders, read as a {@link ServerCounters} snapshot. */
public final class Counters {
    final LongAdder accepted = new LongAdder();
    final AtomicInteger active = new AtomicInteger();
    final LongAdder rejected = new LongAdder();
    final LongAdder handshakes = new LongAdder();
    final LongAdder idleClosed = new LongAdder();
    final LongAdder reloads = new LongAdder();
    final LongAdder reloadFailures = new LongAdder();
    private final LongAdder[] failures = new LongAdder[FailureCode.values().length];
    /** Handshakes by protocol: {@link #PROTOCOLS} in order, then any other. */
    private final LongAdder[] handshakesByProtocol = {new LongAdder(), new LongAdder(), new LongAdder()};
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2", "other");

    public Counters() {
        for (int i = 0; i < failures.length; i++) {
            failures[i] = new LongAdder();
        }
    }

    /** Counts a reload of the key material, refused or not. */
    public void reloaded(boolean succeeded) {
        reloads.increment();
        if (!succeeded) {
            reloadFailures.increment();
        }
    }

    /** A completed handshake; {@code protocol} as the session names it (TLSv1.3). */
    void handshake(String protocol) {
        handshakes.increment();
        int i = PROTOCOLS.indexOf(protocol);
        handshakesByProtocol[i < 0 || i > 1 ? 2 : i].increment();
    }

    /** Handshakes by protocol, every protocol listed (zero included). */
    Map<String, Long> handshakesByProtocol() {
        Map<String, Long> result = new LinkedHashMap<>();
        for (int i = 0; i < PROTOCOLS.size(); i++) {
            result.put(PROTOCOLS.get(i), handshakesByProtocol[i].sum());
        }
        return result;
    }

    long failures(FailureCode code) {
        return failures[code.ordinal()].sum();
    }

    long reloads() {
        return reloads.sum();
    }

    long reloadFailures() {
        return reloadFailures.sum();
    }

    void failed(FailureCode code) {
        failures[code.ordinal()].increment();
    }

    public ServerCounters snapshot() {
        Map<FailureCode, Long> byCode = new EnumMap<>(FailureCode.class);
        for (FailureCode code : FailureCode.values()) {
            long n = failures[code.ordinal()].sum();
            if (n > 0) {
                byCode.put(code, n);
            }
        }
        return new ServerCounters(accepted.sum(), active.get(), rejected.sum(), handshakes.sum(), idleClosed.sum(),
                byCode);
    }
}

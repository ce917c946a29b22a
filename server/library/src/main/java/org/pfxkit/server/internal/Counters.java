package org.pfxkit.server.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
    /**
     * Handshakes by protocol and group. Few keys (two protocols times the groups offered), each made once: after
     * that a handshake costs a lock-free map read and an adder increment.
     */
    private final ConcurrentHashMap<List<String>, LongAdder> handshakesByKind = new ConcurrentHashMap<>();

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

    /** A completed handshake; {@code protocol} as the session names it (TLSv1.3), {@code group} e.g. X25519. */
    void handshake(String protocol, String group) {
        handshakes.increment();
        List<String> key = List.of(String.valueOf(protocol), group);
        LongAdder n = handshakesByKind.get(key);
        if (n == null) {
            n = handshakesByKind.computeIfAbsent(key, k -> new LongAdder());
        }
        n.increment();
    }

    /** Handshakes by [protocol, group], in a stable order. */
    Map<List<String>, Long> handshakesByKind() {
        Map<List<String>, Long> result = new TreeMap<>((a, b) -> String.join(" ", a).compareTo(String.join(" ", b)));
        handshakesByKind.forEach((key, n) -> result.put(key, n.sum()));
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

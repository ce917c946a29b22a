package org.pfxkit.server;

import java.util.Map;

/**
 * A snapshot of a server's counters.
 *
 * @param accepted            connections accepted (including those then rejected over the limit)
 * @param active              connections open now
 * @param rejectedOverLimit   connections closed at once because {@code maxConnections} were open
 * @param handshakes          handshakes completed
 * @param idleClosed          connections closed by the idle timeout after their handshake
 * @param failures            failed connections by code (codes never seen are absent)
 */
public record ServerCounters(long accepted, int active, long rejectedOverLimit, long handshakes, long idleClosed,
                             Map<FailureCode, Long> failures) {
    public ServerCounters {
        failures = Map.copyOf(failures);
    }

    public long failuresTotal() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }
}

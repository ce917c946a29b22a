package org.pfxkit.server.internal;

import java.security.cert.X509Certificate;
import java.util.Map;

import org.pfxkit.server.FailureCode;

/**
 * The counters in the Prometheus text exposition format, version 0.0.4: per metric a {@code # HELP} and a
 * {@code # TYPE} line, then {@code name{label="value"} number} samples. Label values escape backslash, double quote
 * and line feed, as the format says. Every failure code is listed, zeros included, so a rate over a
 * code that has not happened yet is 0, not absent; handshakes appear per protocol and group once one has happened.
 */
final class PrometheusText {
    private final StringBuilder text = new StringBuilder(4096);

    /** Renders from the live counters; reads adders only, no lock. */
    static String render(Counters counters, Map<String, X509Certificate> certificates) {
        PrometheusText p = new PrometheusText();
        p.family("pfxkit_connections_open", "gauge", "Connections open now.");
        p.sample("pfxkit_connections_open", null, null, counters.active.get());
        p.family("pfxkit_connections_accepted_total", "counter", "Connections accepted, the rejected ones included.");
        p.sample("pfxkit_connections_accepted_total", null, null, counters.accepted.sum());
        p.family("pfxkit_connections_rejected_total", "counter", "Connections closed at once over the limit.");
        p.sample("pfxkit_connections_rejected_total", null, null, counters.rejected.sum());
        p.family("pfxkit_connections_idle_closed_total", "counter", "Connections closed by the idle timeout.");
        p.sample("pfxkit_connections_idle_closed_total", null, null, counters.idleClosed.sum());
        p.family("pfxkit_handshakes_total", "counter", "Handshakes completed, by protocol and key-exchange group "
                + "(unknown on the JDK engine).");
        counters.handshakesByKind().forEach((kind, n) -> p.sample("pfxkit_handshakes_total",
                "protocol=\"" + escape(kind.get(0)) + "\",group=\"" + escape(kind.get(1)) + "\"", n));
        p.family("pfxkit_failures_total", "counter", "Failed connections, by failure code.");
        for (FailureCode code : FailureCode.values()) {
            p.sample("pfxkit_failures_total", "code", code.name(), counters.failures(code));
        }
        p.family("pfxkit_reloads_total", "counter", "Reloads of the key material, refused ones included.");
        p.sample("pfxkit_reloads_total", null, null, counters.reloads());
        p.family("pfxkit_reload_failures_total", "counter", "Reloads refused (the old certificate kept serving).");
        p.sample("pfxkit_reload_failures_total", null, null, counters.reloadFailures());
        p.family("pfxkit_certificate_not_after_seconds", "gauge",
                "End of validity of each certificate set served, in Unix seconds.");
        certificates.forEach((set, leaf) -> p.sample("pfxkit_certificate_not_after_seconds", "set", set,
                leaf.getNotAfter().toInstant().getEpochSecond()));
        return p.text.toString();
    }

    private void family(String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String label, String value, long number) {
        sample(name, label == null ? null : label + "=\"" + escape(value) + "\"", number);
    }

    /** {@code labels}: already escaped {@code a="x",b="y"}, or null. */
    private void sample(String name, String labels, long number) {
        text.append(name);
        if (labels != null) {
            text.append('{').append(labels).append('}');
        }
        text.append(' ').append(number).append('\n');
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}

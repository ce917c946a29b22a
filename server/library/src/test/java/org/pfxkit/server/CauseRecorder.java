package org.pfxkit.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** With -Dpfxkit.recordCauses=FILE, appends each event's cause chain as FailureClassifierTest data (one-off tool). */
final class CauseRecorder {
    static volatile String scenario = "?";

    private CauseRecorder() {
    }

    static synchronized void record(TlsEngine engine, FailureEvent e) {
        StringBuilder line = new StringBuilder();
        line.append("rec(").append(engine).append(", \"").append(scenario).append("\", ").append(e.phase())
                .append(", ").append(e.code()).append(", ").append(e.offeredVersions().isEmpty() ? "NO_HELLO" : "HELLO");
        append(line, e.cause(), false, 0);
        line.append("),\n");
        try {
            Files.writeString(Path.of(System.getProperty("pfxkit.recordCauses")), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Frames: "C" the next cause of the main chain, "S" a suppressed exception, "SC" the cause of that. */
    private static void append(StringBuilder line, Throwable t, boolean suppressed, int depth) {
        for (boolean first = true; t != null && depth < 6; t = t.getCause(), depth++, first = false) {
            String relation = suppressed ? (first ? "S" : "SC") : "C";
            line.append(",\n        f(").append(relation).append(", \"").append(t.getClass().getName()).append("\", ")
                    .append(t.getMessage() == null ? "null" : "\"" + t.getMessage().replace("\\", "\\\\")
                            .replace("\"", "\\\"").replace("\n", "\\n") + "\"").append(")");
            if (!suppressed) {
                for (Throwable s : t.getSuppressed()) {
                    append(line, s, true, depth + 1);
                }
            }
        }
    }
}

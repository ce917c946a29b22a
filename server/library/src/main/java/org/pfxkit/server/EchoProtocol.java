package org.pfxkit.server;

import java.util.function.Supplier;

/**
 * The echo protocols of the TWAPI recipe's server. {@link #firstLine()}: read one line, reply
 * {@code Received request: '<line>'}, close (a second line, even one already buffered, is never answered).
 * {@link #everyLine()}: the same reply for every line until the client closes (for load tests).
 */
public final class EchoProtocol {
    private EchoProtocol() {
    }

    public static String reply(String line) {
        return "Received request: '" + line + "'";
    }

    public static Supplier<LineHandler> firstLine() {
        return () -> (connection, line) -> connection.writeLineAndClose(reply(line));
    }

    public static Supplier<LineHandler> everyLine() {
        return () -> (connection, line) -> connection.writeLine(reply(line));
    }
}

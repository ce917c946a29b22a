package org.pfxkit.server;

import sun.misc.Signal;

/**
 * The echo server's {@code main}. SIGINT and SIGTERM start a graceful shutdown and the process exits 0 (a JVM
 * shutdown hook would exit 130/143 and could not let connections finish first).
 */
public final class EchoServerMain {
    private EchoServerMain() {
    }

    public static void main(String[] args) {
        EchoServerCommand command = new EchoServerCommand();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> command.stop());
        }
        System.exit(EchoServerCommand.commandLine(command).execute(args));
    }
}

package org.pfxkit.server;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The echo server's {@code main}. SIGINT and SIGTERM start a graceful shutdown and the process exits 0 (a JVM
 * shutdown hook would exit 130/143 and could not let connections finish first). SIGHUP reads the key material again.
 */
public final class EchoServerMain {
    private EchoServerMain() {
    }

    public static void main(String[] args) {
        EchoServerCommand command = new EchoServerCommand();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> command.stop());
        }
        // SIGHUP reloads the certificate, as nginx -s reload does; the handler runs on a JDK signal thread. Started
        // with SIGHUP ignored (nohup), HotSpot leaves it ignored and installs nothing: say so, or kill -HUP would do
        // nothing without a word.
        if (Signal.handle(new Signal("HUP"), signal -> command.reload("SIGHUP")) == SignalHandler.SIG_IGN) {
            command.sighupIgnored();
        }
        System.exit(EchoServerCommand.commandLine(command).execute(args));
    }
}

package org.pfxkit.inspect;

import org.pfxkit.cli.CommandRunner;

/** The {@code certfind} executable (bin/certfind runs the jar whose manifest names this class). */
public final class CertFindMain {
    private CertFindMain() {
    }

    public static void main(String[] args) {
        CommandRunner.main(new CertFindCommand(), args);
    }
}

package org.pfxkit.convert;

import org.pfxkit.cli.CommandRunner;

/** The {@code pfxconvert} executable (bin/pfxconvert runs the jar whose manifest names this class). */
public final class PfxConvertMain {
    private PfxConvertMain() {
    }

    public static void main(String[] args) {
        CommandRunner.main(new PfxConvertCommand(), args);
    }
}

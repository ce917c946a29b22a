package org.pfxkit.convert;

import org.pfxkit.cli.CommandRunner;
import org.pfxkit.cli.ProviderOrder;
import org.pfxkit.cli.StartupWarmUp;

/** The {@code pfxconvert} executable (bin/pfxconvert runs the jar whose manifest names this class). */
public final class PfxConvertMain {
    private PfxConvertMain() {
    }

    public static void main(String[] args) {
        StartupWarmUp.inBackground(ProviderOrder.settleInBackground(), ConversionWarmUp.step());
        CommandRunner.main(new PfxConvertCommand(), args);
    }
}

package org.pfxkit.convert;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

/** The warm-up's failures are swallowed at run time, so a step that stopped working would only show as lost speed. */
class ConversionWarmUpTest {

    @Test
    void everyAlgorithmTheWarmUpUsesIsAvailable() {
        assertDoesNotThrow(() -> ConversionWarmUp.step().run());
    }
}

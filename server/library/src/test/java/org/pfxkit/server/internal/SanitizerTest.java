package org.pfxkit.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SanitizerTest {
    @Test
    void controlCharactersAndNonAsciiBecomeQuestionMarks() {
        assertEquals("evil?name??x", Sanitizer.printable("evil\nname\u001b\u00e9x"));
    }

    @Test
    void longValuesAreCutAndMarked() {
        assertEquals("b".repeat(253) + "...", Sanitizer.printable("b".repeat(10_000)));
    }

    @Test
    void nullStaysNull() {
        assertNull(Sanitizer.printable(null));
    }
}

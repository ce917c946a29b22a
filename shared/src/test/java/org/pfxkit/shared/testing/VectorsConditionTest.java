package org.pfxkit.shared.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Absent outside vectors: one reason that says how to point at them; a failure, not a skip, when required. */
class VectorsConditionTest {
    @TempDir
    Path dir;
    private String vectors;
    private String interop;

    @BeforeEach
    void pointAtAnAbsentFolder() {
        vectors = System.getProperty("pfxkit.vectors");
        interop = System.getProperty("pfxkit.interop");
        System.setProperty("pfxkit.vectors", dir.resolve("absent").toString());
    }

    @AfterEach
    void restore() {
        restore("pfxkit.vectors", vectors);
        restore("pfxkit.interop", interop);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void absentVectorsDisableTheTestsWithOneReasonThatSaysHowToPointAtThem() {
        System.setProperty("pfxkit.interop", "optional");
        ConditionEvaluationResult result = new VectorsCondition().evaluateExecutionCondition(null);
        assertTrue(result.isDisabled());
        String reason = result.getReason().orElseThrow();
        assertTrue(reason.contains(dir.resolve("absent").toString()), reason);
        assertTrue(reason.contains("-Dpfxkit.vectors=DIR"), reason);
        assertThrows(TestAbortedException.class, Vectors::root);
    }

    @Test
    void absentVectorsFailWhenInteropIsRequired() {
        System.setProperty("pfxkit.interop", "required");
        assertFalse(new VectorsCondition().evaluateExecutionCondition(null).isDisabled());
        AssertionFailedError e = assertThrows(AssertionFailedError.class, Vectors::root);
        assertTrue(e.getMessage().contains("-Dpfxkit.interop=required"), e.getMessage());
    }
}

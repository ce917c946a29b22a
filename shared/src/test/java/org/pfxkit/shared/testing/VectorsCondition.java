package org.pfxkit.shared.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The condition behind {@link NeedsVectors}: says once per test JVM that the vectors are absent. */
public final class VectorsCondition implements ExecutionCondition {
    private static final AtomicBoolean SAID = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Path dir = Vectors.location();
        if (Files.isDirectory(dir)) {
            return ConditionEvaluationResult.enabled("outside vectors at " + dir);
        }
        if (ExternalTool.interopRequired()) {
            return ConditionEvaluationResult.enabled("outside vectors absent and required: the tests fail");
        }
        String line = Vectors.absentMessage(dir);
        if (SAID.compareAndSet(false, true)) {
            System.err.println("pfxkit tests: " + line);
        }
        return ConditionEvaluationResult.disabled(line);
    }
}

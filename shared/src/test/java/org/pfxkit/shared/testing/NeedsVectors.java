package org.pfxkit.shared.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class or method that reads the outside vectors ({@link Vectors}): without them it does not run, as one
 * skipped container with one line on stderr per test run, not one skip per test; with {@code -Dpfxkit.interop=required}
 * it runs and fails.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(VectorsCondition.class)
public @interface NeedsVectors {
}

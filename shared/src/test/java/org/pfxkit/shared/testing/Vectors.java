package org.pfxkit.shared.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The outside test vectors in ../shared/vectors (beside the project, or wherever {@code -Dpfxkit.vectors} points),
 * read in place and never copied. They are optional: a class or method marked {@link NeedsVectors} does not run when
 * the folder is absent, and one line says so, instead of a skip per test. With {@code -Dpfxkit.interop=required}
 * (CI) their absence fails.
 */
public final class Vectors {
    private Vectors() {
    }

    /** Where the vectors are looked for; the folder may not exist. */
    public static Path location() {
        String configured = System.getProperty("pfxkit.vectors");
        Path dir = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("pfxkit.root", ".")).resolve("../shared/vectors");
        return dir.toAbsolutePath().normalize();
    }

    /** The one line printed when they are absent: where they were looked for and how to point at them. */
    public static String absentMessage(Path dir) {
        return "outside test vectors are absent (looked in " + dir + "): the tests that read them do not run; "
                + "point -Dpfxkit.vectors=DIR at a copy to run them (README, 'Tests')";
    }

    public static Path root() {
        Path dir = location();
        if (!Files.isDirectory(dir)) {
            if (ExternalTool.interopRequired()) {
                Assertions.fail(absentMessage(dir) + "; -Dpfxkit.interop=required forbids skipping");
            }
            Assumptions.assumeTrue(false, absentMessage(dir));
        }
        return dir;
    }

    public static Path file(String relative) {
        Path file = root().resolve(relative);
        if (!Files.isRegularFile(file)) {
            if (ExternalTool.interopRequired()) {
                Assertions.fail("vector not present: " + file + "; -Dpfxkit.interop=required forbids skipping");
            }
            Assumptions.assumeTrue(false, "vector not present: " + file);
        }
        return file;
    }
}

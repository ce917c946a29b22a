package org.pfxkit.shared.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * The outside test vectors in ../shared/vectors (beside the project), read in place and never copied. They are
 * optional: tests that use them skip when the folder is absent.
 */
public final class Vectors {
    private Vectors() {
    }

    public static Path root() {
        String configured = System.getProperty("pfxkit.vectors");
        Path dir = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("pfxkit.root", ".")).resolve("../shared/vectors");
        dir = dir.toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(dir), "outside vectors not present at " + dir);
        return dir;
    }

    public static Path file(String relative) {
        Path file = root().resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(file), "vector not present: " + file);
        return file;
    }
}

package org.pfxkit.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.shared.testing.ExternalTool;

/**
 * bin/pfxconvert with an AOT cache that does not fit: the launcher passes a cache newer than the jar, and the JVM must
 * then run without it, print nothing about it and exit as usual. The launcher runs in a copy of bin/ beside a jar that
 * holds only a manifest naming this test's class path, so the test needs no packaged build.
 */
class LauncherAotCacheTest {
    private static final Path ROOT = Path.of(System.getProperty("pfxkit.root", ".."));
    private static final String JAVA_HOME = System.getProperty("java.home");

    @TempDir
    Path install;
    Path jar;
    Path cache;
    String expectedVersion;

    @BeforeEach
    void copyLaunchers() throws IOException {
        Files.createDirectories(install.resolve("bin/lib"));
        for (String script : List.of("pfxconvert", "lib/launch.sh", "lib/find-java25.sh", "lib/tool-jvm-options.sh")) {
            Files.copy(ROOT.resolve("bin").resolve(script), install.resolve("bin").resolve(script),
                    StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path target = Files.createDirectories(install.resolve("tool-convert/target"));
        jar = target.resolve("pfxconvert.jar");
        cache = target.resolve("pfxconvert.aot");
        writeJar("first");
        expectedVersion = ExternalTool.run(List.of(JAVA_HOME + "/bin/java", "-cp", jar.toString(),
                PfxConvertMain.class.getName(), "--version")).assertSuccess().stdout();
        assertEquals(2, expectedVersion.lines().count(), expectedVersion);
    }

    @Test
    void aCacheOfAnEarlierJarIsIgnoredSilently() throws IOException {
        // A real cache, made for the jar as it was; then the jar is built again and the cache looks newer.
        ExternalTool.run(List.of(JAVA_HOME + "/bin/java", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-XX:AOTCacheOutput=" + cache, "-cp", jar.toString(), PfxConvertMain.class.getName(), "--version"),
                null, null, Map.of(), 120).assertSuccess();
        writeJar("second");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));

        assertLauncherRunsCleanly();
    }

    @Test
    void aFileThatIsNoCacheIsIgnoredSilently() throws IOException {
        Files.writeString(cache, "not an AOT cache: a truncated copy, a disk error, another JDK's format");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));

        assertLauncherRunsCleanly();
    }

    @Test
    void aCacheOlderThanTheJarIsNotPassed() throws IOException {
        Files.writeString(cache, "stale");
        Files.setLastModifiedTime(cache, FileTime.from(Instant.now().minusSeconds(60)));

        // With aot logging on, the JVM names a cache it was given ("Opened AOT cache ..."); the launcher gives none.
        ExternalTool.Result result = ExternalTool.run(List.of(install.resolve("bin/pfxconvert").toString(),
                "--version"), null, null, Map.of("JAVA_HOME", JAVA_HOME, "PFXKIT_JAVA_OPTS", "-Xlog:aot=info"), 120);
        assertEquals(0, result.exitCode(), result::stderr);
        assertFalse(result.stdout().contains("pfxconvert.aot"), result::stdout);
        assertTrue(result.stdout().endsWith(expectedVersion), result::stdout);
    }

    @Test
    void theLauncherRunsThroughASymlinkAndFromARelativePath() throws IOException {
        Path elsewhere = Files.createDirectories(install.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(elsewhere.resolve("pfxconvert"), install.resolve("bin/pfxconvert"));
        for (ExternalTool.Result result : List.of(
                ExternalTool.run(List.of(link.toString(), "--version"), null, null, Map.of("JAVA_HOME", JAVA_HOME),
                        120),
                // As a shell runs "./bin/pfxconvert" typed in the install folder.
                ExternalTool.run(List.of("bash", "./bin/pfxconvert", "--version"), install, null,
                        Map.of("JAVA_HOME", JAVA_HOME), 120))) {
            assertEquals(0, result.exitCode(), result::stderr);
            assertEquals(expectedVersion, result.stdout());
        }
    }

    @Test
    void withoutJavaHomeTheLauncherRunsTheJdkItsCacheWasMadeWith() throws IOException {
        // A stand-in JDK 25 that leaves a mark and runs the real one; aot-train.sh names the training JDK this way.
        Path jdk = Files.createDirectories(install.resolve("trained-jdk/bin"));
        Path mark = install.resolve("trained-jdk-ran");
        Files.writeString(jdk.resolveSibling("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"25.0.3\"\n");
        Path java = jdk.resolve("java");
        Files.writeString(java, "#!/bin/sh\ntouch '" + mark + "'\nexec '" + JAVA_HOME + "/bin/java' \"$@\"\n");
        java.toFile().setExecutable(true);
        Files.writeString(install.resolve("tool-convert/target/pfxconvert.aot.jdk"), jdk.getParent() + "\n");

        // An empty JAVA_HOME counts as unset, as the launcher reads it.
        ExternalTool.Result result = ExternalTool.run(List.of(install.resolve("bin/pfxconvert").toString(),
                "--version"), null, null, Map.of("JAVA_HOME", ""), 120);
        assertEquals(0, result.exitCode(), result::stderr);
        assertEquals(expectedVersion, result.stdout());
        assertTrue(Files.exists(mark), "the launcher did not run the JDK named in pfxconvert.aot.jdk");
    }

    private void assertLauncherRunsCleanly() {
        ExternalTool.Result result = ExternalTool.run(List.of(install.resolve("bin/pfxconvert").toString(),
                "--version"), null, null, Map.of("JAVA_HOME", JAVA_HOME), 120);
        assertEquals(0, result.exitCode(), result::stderr);
        assertEquals("", result.stderr());
        assertEquals(expectedVersion, result.stdout());
    }

    /** A jar of a manifest whose Class-Path is this test's class path, and a marker that makes each version differ. */
    private void writeJar(String marker) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        String classPath;
        try (Stream<String> entries = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))) {
            classPath = entries.map(entry -> Path.of(entry).toAbsolutePath().toUri().toString())
                    .collect(Collectors.joining(" "));
        }
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("marker.txt"));
            out.write(marker.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.closeEntry();
        }
    }
}

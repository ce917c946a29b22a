package org.pfxkit.shared.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

class OutputBatchTest {
    @TempDir
    Path dir;

    @Test
    void writesEveryFileAndLeavesNoTemporaryBehind() throws Exception {
        Path pfx = dir.resolve("cert.pfx");
        Path pwd = dir.resolve("cert.pwd");
        List<Path> written = new OutputBatch().add(pfx, new byte[] {1, 2, 3})
                .addSecret(pwd, "secret".getBytes(StandardCharsets.UTF_8)).commit(false);

        assertEquals(List.of(pfx, pwd), written);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(pfx));
        assertEquals("secret", Files.readString(pwd));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "only the two outputs remain");
        }
    }

    @Test
    void secretFilesAreReadableByTheOwnerOnly() throws Exception {
        Path pwd = dir.resolve("cert.pwd");
        new OutputBatch().addSecret(pwd, new byte[] {'x'}).commit(false);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pwd)));
    }

    @Test
    void publicFilesAreWorldReadable() throws Exception {
        Path pfx = dir.resolve("cert.pfx");
        new OutputBatch().add(pfx, new byte[] {'x'}).commit(false);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(pfx)));
    }

    @Test
    void anExistingOutputIsKeptAndNothingIsWrittenWithoutForce() throws Exception {
        Path pfx = dir.resolve("cert.pfx");
        Path pwd = dir.resolve("cert.pwd");
        Files.writeString(pwd, "old");

        PfxkitException e = assertThrows(PfxkitException.class,
                () -> new OutputBatch().add(pfx, new byte[] {1}).addSecret(pwd, new byte[] {2}).commit(false));

        assertEquals(Problem.OUTPUT_EXISTS, e.problem());
        assertEquals(3, e.exitCode());
        assertTrue(e.getMessage().contains("cert.pwd"), e.getMessage());
        assertTrue(e.hint().contains("--force"));
        assertEquals("old", Files.readString(pwd));
        assertTrue(Files.notExists(pfx), "the batch is all or nothing");
    }

    @Test
    void forceReplacesAnExistingOutput() throws Exception {
        Path pfx = dir.resolve("cert.pfx");
        Files.writeString(pfx, "old");
        new OutputBatch().add(pfx, "new".getBytes(StandardCharsets.UTF_8)).commit(true);
        assertEquals("new", Files.readString(pfx));
    }

    @Test
    void aMissingFolderIsAnOutputFailureThatLeavesNothingBehind() throws Exception {
        Path ok = dir.resolve("cert.pfx");
        Path bad = dir.resolve("missing/cert.pwd");

        PfxkitException e = assertThrows(PfxkitException.class,
                () -> new OutputBatch().add(ok, new byte[] {1}).addSecret(bad, new byte[] {2}).commit(false));

        assertEquals(Problem.OUTPUT_FAILED, e.problem());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "no temporary and no partial output remains");
        }
    }

    @Test
    void anUnwritableFolderIsAnOutputFailure() throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
        // root ignores a folder's permissions (CI runs as root): there, sysfs stands in, which refuses even root.
        Path target = Files.isWritable(locked) ? Path.of("/sys") : locked;
        try {
            PfxkitException e = assertThrows(PfxkitException.class,
                    () -> new OutputBatch().add(target.resolve("a.pfx"), new byte[] {1}).commit(false));
            assertEquals(Problem.OUTPUT_FAILED, e.problem());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @ParameterizedTest(name = "force={0}")
    @ValueSource(booleans = {false, true})
    void aFolderWhereTheOutputGoesIsNamedAsAFolderInTheWay(boolean force) throws Exception {
        Path pfx = Files.createDirectory(dir.resolve("public.pfx"));

        PfxkitException e = assertThrows(PfxkitException.class,
                () -> new OutputBatch().addSecret(pfx, new byte[] {1}).commit(force));

        assertEquals(Problem.OUTPUT_FAILED, e.problem());
        assertTrue(e.getMessage().contains("a folder of that name is in the way"), e.getMessage());
        assertFalse(e.hint().contains("--force"), "--force cannot help: " + e.hint());
        assertFalse(e.hint().contains("space"), e.hint());
        assertTrue(Files.isDirectory(pfx));
    }

    @Test
    void anUnwritableFolderIsNamedWithTheReasonNotOnlyTheTemporaryPath() {
        // sysfs refuses new files even to root, where a chmod'ed folder would not stop root.
        Path sys = Path.of("/sys");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(sys) && !Files.exists(sys.resolve("a.pfx")));
        PfxkitException e = assertThrows(PfxkitException.class,
                () -> new OutputBatch().addSecret(sys.resolve("a.pfx"), new byte[] {1}).commit(false));

        assertEquals(Problem.OUTPUT_FAILED, e.problem());
        assertTrue(e.getMessage().startsWith("cannot write '/sys/a.pfx': "), e.getMessage());
        assertTrue(e.getMessage().contains("permission denied") || e.getMessage().contains("ermission"),
                e.getMessage());
        assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
    }
}

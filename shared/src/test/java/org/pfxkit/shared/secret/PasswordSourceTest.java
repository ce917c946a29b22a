package org.pfxkit.shared.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

class PasswordSourceTest {
    @TempDir
    Path dir;

    @Test
    void aPasswordFileGivesItsFirstLineWithoutTheLineEnding() throws Exception {
        Path lf = Files.writeString(dir.resolve("lf.pwd"), "s3cret\nsecond line\n");
        Path crlf = Files.writeString(dir.resolve("crlf.pwd"), "s3cret\r\n");
        Path bare = Files.writeString(dir.resolve("bare.pwd"), "s3cret");
        for (Path file : new Path[] {lf, crlf, bare}) {
            assertArrayEquals("s3cret".toCharArray(), PasswordSource.file(file).read(), file.toString());
        }
    }

    @Test
    void aNotepadByteOrderMarkIsNotPartOfThePassword() throws Exception {
        Path file = dir.resolve("bom.pwd");
        Files.write(file, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'p', 'w', '\r', '\n'});
        assertArrayEquals("pw".toCharArray(), PasswordSource.file(file).read());
    }

    @Test
    void aPasswordFileIsReadAsUtf8() throws Exception {
        Path file = Files.writeString(dir.resolve("u.pwd"), "pässwörd☺\n", StandardCharsets.UTF_8);
        assertArrayEquals("pässwörd☺".toCharArray(), PasswordSource.file(file).read());
    }

    @Test
    void anEmptyPasswordFileIsTheEmptyPassword() throws Exception {
        Path file = Files.writeString(dir.resolve("empty.pwd"), "\n");
        assertEquals(0, PasswordSource.file(file).read().length);
    }

    @Test
    void aMissingPasswordFileSaysWhichFileAndHowToFixIt() {
        Path file = dir.resolve("nope.pwd");
        PfxkitException e = assertThrows(PfxkitException.class, () -> PasswordSource.file(file).read());
        assertEquals(Problem.FILE_NOT_FOUND, e.problem());
        assertTrue(e.getMessage().contains("nope.pwd"));
        assertTrue(e.hint().contains("--password-env"));
    }

    @Test
    void anUnsetEnvironmentVariableIsAnErrorAndAnEmptyOneTheEmptyPassword() throws Exception {
        Map<String, String> env = Map.of("EMPTY", "", "SET", "pw");
        assertArrayEquals("pw".toCharArray(), env("SET", env::get).read());
        assertEquals(0, env("EMPTY", env::get).read().length);
        PfxkitException e = assertThrows(PfxkitException.class, () -> env("UNSET", env::get).read());
        assertEquals(Problem.PASSWORD_SOURCE, e.problem());
        assertTrue(e.getMessage().contains("environment variable UNSET (--password-env) is not set"), e.getMessage());
        assertEquals("export UNSET=... before running, or use --password-file FILE", e.hint());
    }

    private static PasswordSource env(String variable, java.util.function.Function<String, String> environment) {
        return PasswordSource.env(variable, "--password-env", "--password-file FILE", environment);
    }

    @Test
    void descriptionsNeverRevealTheSecret() throws Exception {
        Path file = Files.writeString(dir.resolve("x.pwd"), "topsecret");
        assertFalse(PasswordSource.file(file).describe().contains("topsecret"));
        assertFalse(PasswordSource.of("topsecret".toCharArray()).describe().contains("topsecret"));
        assertFalse(env("V", v -> "topsecret").describe().contains("topsecret"));
    }

    @Test
    void standardInputIsReadOnceAndEachReadReturnsAFreshCopy() throws Exception {
        PasswordSource source = PasswordSource.stream(
                new ByteArrayInputStream("pw\nmore".getBytes(StandardCharsets.UTF_8)), "standard input");
        char[] first = source.read();
        java.util.Arrays.fill(first, '\0');
        assertArrayEquals("pw".toCharArray(), source.read());
    }

    @Test
    void theEmptyPasswordIsExplicit() throws Exception {
        assertEquals(0, PasswordSource.none().read().length);
        assertEquals("the no-password choice", PasswordSource.none().describe());
    }

    @Test
    void thePasswordFileBesideAStoreSharesItsBaseName() {
        assertEquals(Path.of("/x/cert.pwd"), PasswordSource.besideStore(Path.of("/x/cert.pfx")));
        assertEquals(Path.of("/x/my.store.pwd"), PasswordSource.besideStore(Path.of("/x/my.store.p12")));
        assertEquals(Path.of("noext.pwd"), PasswordSource.besideStore(Path.of("noext")));
    }

    static final String NO_TERMINAL = "a password is needed, none was given, and there is no terminal to ask for it";

    @Test
    void aPromptWithoutATerminalIsThePasswordRequiredFailureNamingWhatNeedsIt() {
        // Surefire's forked JVM has no terminal.
        PfxkitException e = assertThrows(PfxkitException.class,
                () -> PasswordSource.prompt("Password: ", "store 'x.pfx'", "--password-file FILE").read());
        assertEquals(Problem.PASSWORD_REQUIRED, e.problem());
        assertEquals(2, e.exitCode());
        assertEquals("cannot open store 'x.pfx': " + NO_TERMINAL, e.getMessage());
        assertEquals("give it with --password-file FILE", e.hint());
    }

    @Test
    void aStoreTheEmptyPasswordDoesNotOpenWithNoneGivenIsPasswordRequiredNotAWrongPassword() {
        Path store = dir.resolve("cert.pfx");
        PfxkitException e = assertThrows(PfxkitException.class, () -> ImplicitStorePassword.open(store, null,
                source -> {
                    char[] password = source.read();
                    throw new PfxkitException(Problem.BAD_PASSWORD, "wrong password from " + source.describe(), null);
                }));
        assertEquals(Problem.PASSWORD_REQUIRED, e.problem());
        assertEquals("cannot open store '" + store + "': " + NO_TERMINAL, e.getMessage());
        assertTrue(e.hint().contains("cert.pwd"), e.hint());
    }

    @Test
    void aStoreTheEmptyPasswordOpensNeedsNoPrompt() throws Exception {
        assertEquals("opened", ImplicitStorePassword.open(dir.resolve("cert.pfx"), null,
                source -> source.read().length == 0 ? "opened" : "asked"));
    }

    @Test
    void aGivenPasswordIsUsedAsIsAndItsFailureStands() {
        PfxkitException e = assertThrows(PfxkitException.class, () -> ImplicitStorePassword.open(
                dir.resolve("cert.pfx"), PasswordSource.none(), source -> {
                    throw new PfxkitException(Problem.BAD_PASSWORD, "the empty password from " + source.describe(), null);
                }));
        assertEquals(Problem.BAD_PASSWORD, e.problem());
        assertFalse(e.getMessage().contains("the empty password from the empty password"), e.getMessage());
    }
}

package org.pfxkit.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.cli.CommandRunner;
import org.pfxkit.shared.testing.HelpText;
import org.pfxkit.shared.testing.TestPki;

import picocli.CommandLine;

class CertFindUsageTest {
    @TempDir
    Path dir;

    @Test
    void helpListsTheSearchOptionsExamplesAndExitCodes() {
        CertFind.Run r = CertFind.run("--help");
        assertEquals(0, r.exitCode(), r::toString);
        for (String expected : new String[] {"--subject", "--any", "--issuer", "--sha1", "--subject-name", "--dns",
            "--has-key", "--password-file", "--password-env", "--json", "Examples:", "Exit codes:", "show"}) {
            assertTrue(r.out().contains(expected), expected + " missing from\n" + r.out());
        }
    }

    @Test
    void helpListsExitOneAndSaysNoPasswordIsForReadingAStore() {
        CertFind.Run r = CertFind.run("--help");
        assertTrue(r.out().contains("1   nothing found"), r.out());
        // certfind reads stores: the option's text must not speak of a file it writes.
        assertTrue(r.out().contains("Use the empty password"), r.out());
        assertTrue(!r.out().contains("not protected"), r.out());
    }

    @Test
    void versionNamesTheTool() {
        CertFind.Run r = CertFind.run("--version");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("certfind (pfxkit) "), r.out());
    }

    @Test
    void aMissingStoreIsBadUsage() {
        CertFind.Run r = CertFind.run("--any");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("STORE"), r.err());
    }

    @Test
    void twoSearchOptionsAreBadUsage() {
        CertFind.Run r = CertFind.run("--any", "--subject", "x", dir.resolve("a.pfx").toString());
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("mutually exclusive"), r.err());
    }

    @Test
    void aStoreThatDoesNotExistIsBadInput() {
        CertFind.Run r = CertFind.run("--any", dir.resolve("missing.pfx").toString());
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("certfind: store '"), r.err());
        assertTrue(r.err().contains("hint: "), r.err());
    }

    @Test
    void aThumbprintOfTheWrongLengthIsBadUsageBeforeTheStoreIsRead() {
        CertFind.Run r = CertFind.run("--sha1", "AB:CD", dir.resolve("missing.pfx").toString());
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("has 4 hex digits"), r.err());
    }

    @Test
    void shellQuotingKeepsTheAnswerLineCopyable() {
        assertEquals("hunter", SearchOptions.shellQuote("hunter"));
        assertEquals("'Example Org'", SearchOptions.shellQuote("Example Org"));
        assertEquals("'it'\\''s'", SearchOptions.shellQuote("it's"));
        assertEquals("''", SearchOptions.shellQuote(""));
    }

    @Test
    void aStoreWithAPasswordAndNoneGivenWithoutATerminalIsThePasswordRequiredFailure() throws Exception {
        TestPki.Issued leaf = TestPki.selfSigned(TestPki.leaf("usage.example.com"));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("usage", leaf.privateKey(), "s3cret".toCharArray(), new Certificate[] {leaf.certificate()});
        Path store = dir.resolve("cert.pfx");
        try (OutputStream out = Files.newOutputStream(store)) {
            ks.store(out, "s3cret".toCharArray());
        }

        CertFind.Run r = CertFind.run("--any", store.toString());

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("certfind: cannot open store '" + store + "': a password is needed, none was "
                + "given, and there is no terminal to ask for it\n"), r.err());
        assertTrue(r.err().contains("cert.pwd"), r.err());
        assertFalse(r.err().contains("empty password from"), r.err());
    }

    @Test
    void aStoreAskingForHugeIterationCountsIsRefusedAtOnceWithExit2() throws Exception {
        TestPki.Issued leaf = TestPki.selfSigned(TestPki.leaf("budget.example"));
        byte[] good = org.pfxkit.shared.store.PfxWriter.write(new org.pfxkit.shared.keys.KeyMaterial(
                leaf.privateKey(), leaf.chain()), "pw".toCharArray(), org.pfxkit.shared.store.PfxOptions.defaults());
        org.bouncycastle.asn1.pkcs.Pfx pfx = org.bouncycastle.asn1.pkcs.Pfx.getInstance(good);
        org.bouncycastle.asn1.pkcs.MacData mac = pfx.getMacData();
        Path crafted = java.nio.file.Files.write(dir.resolve("crafted.pfx"), new org.bouncycastle.asn1.pkcs.Pfx(
                pfx.getAuthSafe(), new org.bouncycastle.asn1.pkcs.MacData(mac.getMac(), mac.getSalt(),
                        2_000_000_000)).getEncoded("DER"));
        Path password = java.nio.file.Files.writeString(dir.resolve("crafted.pwd"), "pw\n");
        CertFind.Run r = CertFind.run("--any", "--password-file", password.toString(), crafted.toString());
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("key-derivation iterations"), r.err());
        assertTrue(r.err().contains("2000000000"), r.err());
    }

    @Test
    void helpBreaksNoFileNameAtItsDotAtAnyTerminalWidth() {
        HelpText.assertNoWordBrokenAtADot(width -> {
            CommandLine cl = CommandRunner.commandLine(new CertFindCommand());
            StringBuilder help = new StringBuilder();
            for (CommandLine command : Stream.concat(Stream.of(cl), cl.getSubcommands().values().stream()).toList()) {
                command.setUsageHelpAutoWidth(false);
                command.setUsageHelpWidth(width);
                help.append(command.getUsageMessage(CommandLine.Help.Ansi.OFF));
            }
            return help.toString();
        });
    }

    @Test
    void theCommandLineIsReadWithoutAnnotationProxies() {
        HelpText.assertModelNeedsNoAnnotationProxies(CertFindMain.class);
    }
}

package org.pfxkit.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pfxkit.convert.Interop.assertContains;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.shared.testing.ExternalTool;
import org.pfxkit.shared.testing.TestPki;

/** The way back: {@code --to-pem} writes the key and the chain, and the result converts again. */
class ToPemTest {
    private static TestPki.Issued root;
    private static TestPki.Issued leaf;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        root = TestPki.rootCa("pfxkit ToPem Root");
        leaf = root.issue(TestPki.leaf("topem.example.com"));
    }

    /** site.pfx and its generated site.pwd, made by pfxconvert itself. */
    private Path sitePfx() {
        Path key = TestPki.writePem(dir.resolve("site.key.pem"), leaf.privateKey());
        Path crt = TestPki.writePem(dir.resolve("site.pem"), leaf.certificate(), root.certificate());
        Pfxconvert.run(key.toString(), crt.toString()).assertOk();
        return dir.resolve("site.pfx");
    }

    @Test
    void theKeyAndTheChainComeBackLeafFirstWithThePasswordFromThePwdBesideTheStore() throws Exception {
        Path pfx = sitePfx();
        Path out = dir.resolve("back");
        Pfxconvert.Run run = Pfxconvert.run("--to-pem", pfx.toString(), "--out", out.toString()).assertOk();

        Path key = dir.resolve("back.key");
        Path crt = dir.resolve("back.crt");
        assertContains(run.out(), key.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals(TestPki.pem(leaf.privateKey()), Files.readString(key));
        assertEquals(TestPki.pem(leaf.certificate(), root.certificate()), Files.readString(crt));

        Path again = dir.resolve("again.pfx");
        Pfxconvert.run(crt.toString(), key.toString(), "--out", again.toString()).assertOk();
        assertTrue(Files.isRegularFile(dir.resolve("again.pwd")));
    }

    @Test
    void withoutOutTheFilesAreNamedAfterTheStore() throws Exception {
        Path pfx = sitePfx();
        Pfxconvert.run("--to-pem", pfx.toString()).assertOk();
        assertTrue(Files.isRegularFile(dir.resolve("site.key")));
        assertTrue(Files.isRegularFile(dir.resolve("site.crt")));
    }

    @Test
    void outNamingAFolderWritesTheFilesThereUnderTheStoresName() throws Exception {
        Path pfx = sitePfx();
        Path folder = Files.createDirectory(dir.resolve("pem"));
        Pfxconvert.run("--to-pem", pfx.toString(), "--out", folder.toString()).assertOk();
        assertTrue(Files.isRegularFile(folder.resolve("site.key")));
        assertTrue(Files.isRegularFile(folder.resolve("site.crt")));
    }

    @Test
    void aKeyPasswordEncryptsTheWrittenKeyWithAes256ThatOpensslOpens() throws Exception {
        Path pfx = sitePfx();
        Path kp = dir.resolve("kp.txt");
        Files.writeString(kp, "key-pass\n");
        Pfxconvert.run("--to-pem", pfx.toString(), "--key-password-file", kp.toString(), "--json").assertOk();
        String key = Files.readString(dir.resolve("site.key"));
        assertContains(key, "BEGIN ENCRYPTED PRIVATE KEY");
        ExternalTool.Result result = ExternalTool.run(List.of("openssl", "pkey", "-in", dir.resolve("site.key")
                .toString(), "-passin", "env:KP", "-noout", "-text"), null, null, Map.of("KP", "key-pass"), 60)
                .assertSuccess();
        assertContains(result.stdout(), "Private-Key");
    }

    @Test
    void jsonReportsTheFilesAndTheChainLength() throws Exception {
        Path pfx = sitePfx();
        Pfxconvert.Run run = Pfxconvert.run("--to-pem", pfx.toString(), "--json").assertOk();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(1, json.get("schemaVersion").asInt());
        assertEquals(2, json.get("chainLength").asInt());
        assertEquals(dir.resolve("site.key").toString(), json.get("keyFile").asText());
        assertEquals(false, json.get("keyEncrypted").asBoolean());
    }

    @Test
    void anExistingKeyFileIsKeptAndTheRunExitsThree() throws Exception {
        Path pfx = sitePfx();
        Files.writeString(dir.resolve("site.key"), "precious");
        Pfxconvert.run("--to-pem", pfx.toString()).assertFails(3);
        assertEquals("precious", Files.readString(dir.resolve("site.key")));
        assertTrue(Files.notExists(dir.resolve("site.crt")));
    }

    @Test
    void aWrongStorePasswordIsABadPassword() throws Exception {
        Path pfx = sitePfx();
        Path wrong = dir.resolve("wrong.txt");
        Files.writeString(wrong, "wrong\n");
        Pfxconvert.Run run = Pfxconvert.run("--to-pem", pfx.toString(), "--password-file", wrong.toString())
                .assertFails(2);
        assertContains(run.err(), "site.pfx");
        assertTrue(Files.notExists(dir.resolve("site.key")));
    }

    @Test
    void aStoreWithAPasswordAndNoneGivenWithoutATerminalIsThePasswordRequiredFailure() throws Exception {
        Path pfx = sitePfx();
        Files.delete(dir.resolve("site.pwd"));
        Pfxconvert.Run run = Pfxconvert.run("--to-pem", pfx.toString()).assertFails(2);
        assertContains(run.err(), "pfxconvert: cannot open store '" + pfx + "': a password is needed, none was "
                + "given, and there is no terminal to ask for it\n");
        assertContains(run.err(), "hint: give it with --password-file FILE");
        assertTrue(Files.notExists(dir.resolve("site.key")));
    }
}

package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.shared.testing.TestPki;

/**
 * docs/server.md's embedding example, taken from the file: compiled against the library and its dependencies alone
 * (this module's class path holds no picocli and no Jackson, and that is checked), run in a JVM of its own in a
 * folder with the cert.pfx and cert.pwd it names, and talked to over TLS.
 */
class EmbeddingExampleTest {
    @TempDir
    Path dir;

    private static String example() throws Exception {
        Path docs = Path.of(System.getProperty("pfxkit.root", "../.."), "docs", "server.md");
        String text = Files.readString(docs);
        int section = text.indexOf("## Embedding the toolkit");
        assertTrue(section >= 0, "docs/server.md has no embedding section");
        int start = text.indexOf("```java\n", section) + "```java\n".length();
        return text.substring(start, text.indexOf("```", start));
    }

    /** The library's own class path: its classes and its dependencies, none of the test tools. */
    private static String libraryClassPath() {
        // Surefire puts the module (the library and what it requires) on the module path, the rest on the class path.
        String paths = System.getProperty("jdk.module.path", "") + File.pathSeparator
                + System.getProperty("java.class.path", "");
        List<String> entries = Arrays.stream(paths.split(File.pathSeparator)).filter(e -> !e.isBlank())
                .filter(e -> !e.contains("test-classes") && !e.contains("-tests.jar") && !e.contains("junit")
                        && !e.contains("jazzer") && !e.contains("opentest4j") && !e.contains("apiguardian"))
                .toList();
        for (String entry : entries) {
            assertTrue(!entry.contains("picocli") && !entry.contains("jackson"), "the app's dependency " + entry);
        }
        return String.join(File.pathSeparator, entries);
    }

    @Test
    void theDocumentedExampleCompilesAgainstTheLibraryAloneAndServes() throws Exception {
        String source = example();
        assertTrue(source.lines().count() <= 40, "a short example");
        Path src = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(src.resolve("UpperCaseServer.java"), source);
        String classPath = libraryClassPath();
        // javac of the JDK running the tests, as a process: the library module need not read java.compiler.
        Process javac = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-d", classes.toString(), "-cp", classPath, src.resolve("UpperCaseServer.java").toString())
                .redirectErrorStream(true).start();
        String javacOutput = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(javac.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, javac.exitValue(), () -> "the example compiles:\n" + javacOutput);

        Path work = Files.createDirectories(dir.resolve("work"));
        TestPki.Issued hunter = TestServer.ROOT.issue(TestPki.leaf("hunter.example.com").dns("hunter.example.com")
                .serverAuth());
        char[] password = "embedding-pw".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("hunter", hunter.privateKey(), password, hunter.chain().toArray(Certificate[]::new));
        try (OutputStream out = Files.newOutputStream(work.resolve("cert.pfx"))) {
            store.store(out, password);
        }
        Path pwd = work.resolve("cert.pwd");
        Files.writeString(pwd, new String(password) + "\n");
        Files.setPosixFilePermissions(pwd, PosixFilePermissions.fromString("rw-------"));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", classPath + File.pathSeparator + classes, "UpperCaseServer",
                "0").directory(work.toFile()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            Pattern serving = Pattern.compile("serving CN=hunter\\.example\\.com.* on port (\\d+) with .*");
            StringBuilder seen = new StringBuilder();
            Integer port = null;
            for (String line; port == null && (line = out.readLine()) != null; ) {
                seen.append(line).append('\n');
                Matcher m = serving.matcher(line);
                if (m.matches()) {
                    port = Integer.valueOf(m.group(1));
                }
            }
            assertNotNull(port, () -> "the example did not start:\n" + seen);
            try (SSLSocket socket = Clients.connect(Clients.trusting(TestServer.ROOT.certificate()), port,
                    "hunter.example.com")) {
                assertEquals("HELLO", Clients.sendAndRead(socket, "hello"));
                assertEquals("BYE", Clients.sendAndRead(socket, "bye"));
                assertEquals("bye", Clients.sendAndRead(socket, "quit"));
            }
        } finally {
            process.destroy();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the example stops on SIGTERM");
        }
    }
}

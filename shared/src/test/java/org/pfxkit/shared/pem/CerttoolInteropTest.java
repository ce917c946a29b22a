package org.pfxkit.shared.pem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pfxkit.shared.keys.KeyMaterial;
import org.pfxkit.shared.keys.KeyPairing;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.testing.ExternalTool;

/** Keys and certificates made by GnuTLS certtool (which writes a text listing before the PEM block) read and pair. */
class CerttoolInteropTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsCerttool() {
        ExternalTool.require("certtool");
    }

    void certtool(String... args) {
        List<String> command = new ArrayList<>();
        command.add("certtool");
        command.addAll(List.of(args));
        ExternalTool.run(command, dir, null, Map.of(), 60).assertSuccess();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ecdsa", "ed25519", "ed448"})
    void generatedPrivateKeyAndSelfSignedCertificatePair(String keyType) throws Exception {
        List<String> gen = new ArrayList<>(List.of("--generate-privkey", "--key-type", keyType, "--outfile",
                "key.pem"));
        if (keyType.equals("rsa")) {
            gen.addAll(List.of("--bits", "2048"));
        }
        certtool(gen.toArray(String[]::new));
        assertTrue(Files.readString(dir.resolve("key.pem")).startsWith("Public Key Info:"),
                "certtool writes a listing before the block");
        Files.writeString(dir.resolve("template"), "cn = \"certtool.example\"\nexpiration_days = 30\n"
                + "signing_key\ntls_www_server\n");
        certtool("--generate-self-signed", "--load-privkey", "key.pem", "--template", "template", "--outfile",
                "cert.pem");
        KeyMaterial material = KeyPairing.assemble(List.of(MaterialReader.read(dir.resolve("key.pem"), null),
                MaterialReader.read(dir.resolve("cert.pem"), null)));
        assertEquals("CN=certtool.example", material.leaf().getSubjectX500Principal().getName());

        // certtool derives with 600,000 iterations: every cipher once, on one key type, keeps the test quick.
        for (String cipher : keyType.equals("ecdsa") ? List.of("aes-256", "aes-128", "3des-pkcs12")
                : List.of("aes-256")) {
            certtool("--to-p8", "--load-privkey", "key.pem", "--password", "pw ☺", "--pkcs-cipher", cipher,
                    "--outfile", "p8.pem");
            KeyMaterial encrypted = KeyPairing.assemble(List.of(MaterialReader.read(dir.resolve("p8.pem"),
                    PasswordSource.of("pw ☺".toCharArray())), MaterialReader.read(dir.resolve("cert.pem"), null)));
            assertEquals(material.leaf(), encrypted.leaf(), cipher);
        }
    }
}

package org.pfxkit.convert;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.pfxkit.shared.testing.ExternalTool;
import org.pfxkit.shared.store.Profile;

/** The outside readers a PFX must open in: openssl, keytool, GnuTLS certtool and pyca/cryptography. */
final class Interop {
    private Interop() {
    }

    /** {@code openssl pkcs12 -info -noout}, the password passed through the environment, never argv. */
    static ExternalTool.Result opensslInfo(Path pfx, String password, Profile profile) {
        List<String> command = new ArrayList<>(List.of("openssl", "pkcs12", "-info", "-noout", "-in", pfx.toString(),
                "-passin", password.isEmpty() ? "pass:" : "env:PFX_PASSWORD"));
        if (profile == Profile.LEGACY) {
            command.add("-legacy");
        }
        return ExternalTool.run(command, null, null, Map.of("PFX_PASSWORD", password), 60).assertSuccess();
    }

    /** openssl's view of the key and certificates as PEM ({@code -nodes}), for key and chain checks. */
    static ExternalTool.Result opensslDump(Path pfx, String password, Profile profile) {
        List<String> command = new ArrayList<>(List.of("openssl", "pkcs12", "-nodes", "-in", pfx.toString(),
                "-passin", password.isEmpty() ? "pass:" : "env:PFX_PASSWORD"));
        if (profile == Profile.LEGACY) {
            command.add("-legacy");
        }
        return ExternalTool.run(command, null, null, Map.of("PFX_PASSWORD", password), 60).assertSuccess();
    }

    static ExternalTool.Result keytoolList(Path pfx, String password) {
        return ExternalTool.run(List.of("keytool", "-list", "-v", "-storetype", "PKCS12", "-keystore", pfx.toString(),
                "-storepass:env", "PFX_PASSWORD"), null, null, Map.of("PFX_PASSWORD", password), 60).assertSuccess();
    }

    static ExternalTool.Result certtoolInfo(Path pfx, String password) {
        return ExternalTool.run(List.of("certtool", "--p12-info", "--inder", "--infile", pfx.toString(),
                "--password", password), null, null, Map.of(), 60).assertSuccess();
    }

    /**
     * pyca/cryptography's {@code load_key_and_certificates}: prints "match" when the key's public half equals the
     * leaf's, then the number of additional certificates.
     */
    static String pycaLoad(Path pfx, String password) {
        String script = String.join("\n",
                "import os, sys",
                "from cryptography.hazmat.primitives.serialization import pkcs12, Encoding, PublicFormat",
                "data = open(sys.argv[1], 'rb').read()",
                "key, cert, extra = pkcs12.load_key_and_certificates(data, os.environb[b'PFX_PASSWORD'])",
                "pub = lambda k: k.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)",
                "print('match' if pub(key.public_key()) == pub(cert.public_key()) else 'mismatch')",
                "print(len(extra))");
        ExternalTool.Result result = ExternalTool.run(List.of("/usr/bin/python3", "-c", script, pfx.toString()), null,
                null, Map.of("PFX_PASSWORD", password), 60);
        ExternalTool.requireThat(!result.stderr().contains("No module named 'cryptography'"),
                "python3-cryptography is not installed");
        result.assertSuccess();
        return result.stdout().strip();
    }

    static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), () -> "expected to find \"" + expected + "\" in:\n" + text);
    }
}

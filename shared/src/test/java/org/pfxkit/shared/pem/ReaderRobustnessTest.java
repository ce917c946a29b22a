package org.pfxkit.shared.pem;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.testing.TestPki;
import org.pfxkit.shared.testing.TestPki.KeyType;

/**
 * Mutated real inputs (bit flips, truncations, splices, lines dropped or repeated, DER damaged inside PEM framing),
 * random bytes and random text: the reader ends normally or with a PfxkitException carrying a code, never with
 * another exception. Inputs stay under 16 KiB and encrypted seeds use few iterations, so every try is quick.
 */
class ReaderRobustnessTest {
    private static final char[] PASSWORD = "pw".toCharArray();
    private static final PasswordSource SOURCE = PasswordSource.of(PASSWORD);
    private static final Path NAME = Path.of("fuzz.pem");
    static final List<byte[]> SEEDS = seeds();

    private static List<byte[]> seeds() {
        try {
            BouncyCastleProvider bc = new BouncyCastleProvider();
            TestPki.Issued root = TestPki.rootCa("Fuzz Root");
            TestPki.Issued leaf = root.issue(TestPki.leaf("fuzz.example"));
            KeyPair rsa = TestPki.selfSigned(TestPki.leaf("fuzz-rsa").keyType(KeyType.RSA_2048).sharedKey("one"))
                    .keyPair();
            KeyPair ed = TestPki.generate(KeyType.ED25519);
            List<byte[]> seeds = new ArrayList<>();
            seeds.add(ascii("Bag Attributes\n" + leaf.privateKeyPem() + leaf.certificatePem() + root.certificatePem()));
            seeds.add(ascii(TestPki.pem(rsa.getPrivate())));
            seeds.add(ascii(TestPkiPem.traditional(rsa)));
            seeds.add(ascii(TestPkiPem.traditional(leaf.keyPair())));
            seeds.add(ascii(TestPki.pem(ed.getPrivate()).replace("\n", "\r\n")));
            for (ASN1ObjectIdentifier scheme : List.of(PKCS8Generator.AES_256_CBC, PKCS8Generator.PBE_SHA1_3DES)) {
                byte[] encrypted = new JcaPKCS8Generator(leaf.privateKey(), new JceOpenSSLPKCS8EncryptorBuilder(
                        scheme).setProvider(bc).setPassword(PASSWORD).setIterationCount(16).build())
                        .generate().getContent();
                seeds.add(ascii(TestPki.pem(new PemObject("ENCRYPTED PRIVATE KEY", encrypted))));
                seeds.add(encrypted);
            }
            seeds.add(ascii(TestPkiPem.traditional(rsa, new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(bc)
                    .build(PASSWORD))));
            seeds.add(leaf.certificate().getEncoded());
            seeds.add(leaf.privateKey().getEncoded());
            seeds.add(rsa.getPrivate().getEncoded());
            seeds.add(TestPkiPem.traditionalDer(leaf.keyPair()));
            seeds.add(TestPkiPem.traditionalDer(rsa));
            seeds.add(ReaderErrorsTest.pkcs12());
            seeds.add(ascii(TestPki.pem(leaf.publicKey())));
            Path vectors = Path.of(System.getProperty("pfxkit.vectors", "../../shared/vectors"));
            for (String vector : List.of("pyca-cryptography/pem/enc-rsa-pkcs8.pem",
                    "pyca-cryptography/pem/sec1_ec_private_key.pem", "pyca-cryptography/pem/dsa.2048.pem",
                    "generated-openssl-3.0.19/rsa2048_legacy_pw-x.pfx")) {
                Path file = vectors.resolve(vector);
                if (Files.isRegularFile(file)) {
                    seeds.add(Files.readAllBytes(file));
                }
            }
            return seeds;
        } catch (Exception e) {
            throw new IllegalStateException("fuzz seeds", e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Example
    void everySeedReadsOrFailsCleanlyBeforeMutation() {
        for (byte[] seed : SEEDS) {
            readsOrFailsCleanly(seed);
        }
    }

    @Property(tries = 12_000, shrinking = ShrinkingMode.OFF)
    void mutatedInputEndsNormallyOrInAPfxkitException(@ForAll("inputs") byte[] input) {
        readsOrFailsCleanly(input);
    }

    private static void readsOrFailsCleanly(byte[] input) {
        try {
            assertNotNull(MaterialReader.read(input, NAME, SOURCE));
        } catch (PfxkitException e) {
            assertNotNull(e.problem());
            assertNotNull(e.getMessage());
            // The reader wraps unchecked exceptions of the JDK's and BouncyCastle's parsers; one thrown by our own
            // code is a bug that the wrapping must not hide.
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException && cause.getStackTrace().length > 0
                    && cause.getStackTrace()[0].getClassName().startsWith("org.pfxkit.")) {
                throw new AssertionError("pfxkit's own code threw " + cause, cause);
            }
        }
    }

    @Provide
    Arbitrary<byte[]> inputs() {
        return Arbitraries.randoms().map(ReaderRobustnessTest::mutate);
    }

    static byte[] mutate(Random random) {
        byte[] seed = SEEDS.get(random.nextInt(SEEDS.size()));
        return switch (random.nextInt(9)) {
            case 0 -> flipBits(seed, random);
            case 1 -> Arrays.copyOf(seed, random.nextInt(seed.length + 1));
            case 2 -> splice(seed, SEEDS.get(random.nextInt(SEEDS.size())), random);
            case 3 -> lines(seed, random);
            case 4 -> pemAroundDamagedDer(random);
            case 5 -> insertOrDelete(seed, random);
            case 6 -> {
                byte[] noise = new byte[random.nextInt(4096)];
                random.nextBytes(noise);
                if (noise.length > 0 && random.nextBoolean()) {
                    noise[0] = 0x30;
                }
                yield noise;
            }
            case 7 -> randomText(random);
            default -> flipBits(Arrays.copyOf(seed, random.nextInt(seed.length + 1)), random);
        };
    }

    private static byte[] flipBits(byte[] seed, Random random) {
        byte[] copy = seed.clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips && copy.length > 0; i++) {
            copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return copy;
    }

    private static byte[] splice(byte[] a, byte[] b, Random random) {
        int cutA = random.nextInt(a.length + 1);
        int cutB = random.nextInt(b.length + 1);
        byte[] out = Arrays.copyOf(a, cutA + b.length - cutB);
        System.arraycopy(b, cutB, out, cutA, b.length - cutB);
        return out;
    }

    private static byte[] insertOrDelete(byte[] seed, Random random) {
        int at = random.nextInt(seed.length + 1);
        if (random.nextBoolean() && at < seed.length) {
            int length = Math.min(seed.length - at, 1 + random.nextInt(16));
            byte[] out = Arrays.copyOf(seed, seed.length - length);
            System.arraycopy(seed, at + length, out, at, seed.length - at - length);
            return out;
        }
        byte[] insert = new byte[1 + random.nextInt(16)];
        random.nextBytes(insert);
        byte[] out = new byte[seed.length + insert.length];
        System.arraycopy(seed, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(seed, at, out, at + insert.length, seed.length - at);
        return out;
    }

    /** Text-level damage of PEM: a line dropped, repeated, swapped or a header inserted. */
    private static byte[] lines(byte[] seed, Random random) {
        List<String> lines = new ArrayList<>(List.of(new String(seed, StandardCharsets.ISO_8859_1).split("\n", -1)));
        int i = random.nextInt(lines.size());
        switch (random.nextInt(4)) {
            case 0 -> lines.remove(i);
            case 1 -> lines.add(i, lines.get(i));
            case 2 -> lines.set(i, lines.set(random.nextInt(lines.size()), lines.get(i)));
            default -> lines.add(i, random.nextBoolean() ? "Proc-Type: 4,ENCRYPTED"
                    : "DEK-Info: AES-256-CBC," + "00".repeat(random.nextInt(20)));
        }
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The DER of a seed damaged, then framed as valid PEM with a label, so the damage reaches the decoders. */
    private static byte[] pemAroundDamagedDer(Random random) {
        byte[] der = null;
        while (der == null) {
            byte[] seed = SEEDS.get(random.nextInt(SEEDS.size()));
            der = seed.length > 0 && seed[0] == 0x30 ? seed : null;
        }
        byte[] damaged = random.nextBoolean() ? flipBits(der, random) : Arrays.copyOf(der, random.nextInt(der.length));
        String[] labels = {"CERTIFICATE", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY",
                "TRUSTED CERTIFICATE", "PUBLIC KEY", "X509 CRL"};
        String label = labels[random.nextInt(labels.length)];
        return ("-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(damaged) + "\n-----END " + label + "-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(3000);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-: \n\r";
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            if (random.nextInt(400) == 0) {
                text.append(random.nextBoolean() ? "\n-----BEGIN CERTIFICATE-----\n" : "\n-----END CERTIFICATE-----\n");
            }
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}

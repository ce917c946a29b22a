package org.pfxkit.shared.store;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.testing.TestPki;

/**
 * 10,000 mutated PKCS#12 and JKS files (bit flips, truncations, blocks copied between files, spliced and
 * overwritten bytes) fed to {@link Keystore#open}: each ends normally or in a PfxkitException with a code that is not INTERNAL,
 * never another exception, a hang or an out-of-memory. Seeds use one iteration so each try costs about a millisecond.
 */
class KeystoreRobustnessTest {
    private static final Path NAME = Path.of("mutant.pfx");
    private static final PasswordSource PW = PasswordSource.of("pw".toCharArray());
    private static final int[] INTERESTING = {0x00, 0x01, 0x02, 0x30, 0x7f, 0x80, 0x81, 0x82, 0x84, 0xff};

    private static List<byte[]> pkcs12Seeds;
    private static List<byte[]> jksSeeds;

    @BeforeContainer
    static void seeds() throws Exception {
        TestPki.Issued root = TestPki.selfSigned(TestPki.ca("pfxkit Fuzz Root").sharedKey("fuzz-root"));
        TestPki.Issued leaf = root.issue(TestPki.leaf("fuzz.example.com").sharedKey("fuzz-leaf"));
        byte[] id = {1, 0, 0, 0};
        TestPfx aes = TestPfx.password("pw");
        TestPfx legacy = TestPfx.password("pw");
        TestPfx noMac = TestPfx.password("pw");
        pkcs12Seeds = List.of(
                aes.aes(TestPfx.cert(leaf.certificate(), "leaf", id), TestPfx.cert(root.certificate(), "root", null))
                        .plain(aes.shroudedKey(leaf.privateKey(), id)).withMac(),
                legacy.rc2(TestPfx.cert(leaf.certificate(), "leaf", id))
                        .plain(legacy.shroudedKey(leaf.privateKey(), id)).withMac(),
                TestPfx.password("pw").plain(TestPfx.cert(root.certificate(), null, null),
                        TestPfx.cert(leaf.certificate(), null, id), TestPfx.key(leaf.privateKey(), id)).withoutMac(),
                // Without a MAC, mutations reach the bag parsers instead of stopping at the integrity check.
                noMac.aes(TestPfx.cert(leaf.certificate(), "leaf", id))
                        .plain(noMac.shroudedKey(leaf.privateKey(), id), TestPfx.cert(root.certificate(), "root", null))
                        .withoutMac());
        KeyStore withKey = KeyStore.getInstance("JKS");
        withKey.load(null, null);
        withKey.setKeyEntry("leaf", leaf.privateKey(), "pw".toCharArray(),
                new Certificate[] {leaf.certificate(), root.certificate()});
        withKey.setCertificateEntry("root", root.certificate());
        KeyStore trustOnly = KeyStore.getInstance("JKS");
        trustOnly.load(null, null);
        trustOnly.setCertificateEntry("root", root.certificate());
        jksSeeds = List.of(store(withKey), store(trustOnly));
    }

    @Property(tries = 7000)
    void mutatedPkcs12EndsNormallyOrInAPfxkitException(@ForAll("pkcs12Mutants") byte[] content) {
        openSafely(content);
    }

    @Property(tries = 3000)
    void mutatedJksEndsNormallyOrInAPfxkitException(@ForAll("jksMutants") byte[] content) {
        openSafely(content);
    }

    @Provide
    Arbitrary<byte[]> pkcs12Mutants() {
        return Arbitraries.randomValue(random -> mutate(pkcs12Seeds, random)).withoutEdgeCases();
    }

    @Provide
    Arbitrary<byte[]> jksMutants() {
        return Arbitraries.randomValue(random -> mutate(jksSeeds, random)).withoutEdgeCases();
    }

    private static void openSafely(byte[] content) {
        try {
            Keystore.open(content, NAME, PW);
        } catch (PfxkitException e) {
            assertNotNull(e.problem());
            assertNotEquals(Problem.INTERNAL, e.problem(), e::getMessage);
        }
    }

    /**
     * One to three mutations. Most keep the length, so that the outer DER length still fits and the input reaches
     * the MAC, decryption and bag parsers instead of stopping at "truncated".
     */
    static byte[] mutate(List<byte[]> seeds, Random random) {
        byte[] data = seeds.get(random.nextInt(seeds.size())).clone();
        int rounds = 1 + random.nextInt(3);
        for (int round = 0; round < rounds && data.length > 0; round++) {
            switch (random.nextInt(8)) {
                case 0, 1 -> {
                    for (int i = 1 + random.nextInt(8); i > 0; i--) {
                        data[random.nextInt(data.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 2 -> data[random.nextInt(data.length)] = (byte) INTERESTING[random.nextInt(INTERESTING.length)];
                case 3, 4 -> overwrite(data, seeds.get(random.nextInt(seeds.size())), random);
                case 5 -> data = Arrays.copyOf(data, random.nextInt(data.length));
                case 6 -> data = splice(data, seeds.get(random.nextInt(seeds.size())), random);
                default -> {
                    byte[] noise = new byte[1 + random.nextInt(16)];
                    random.nextBytes(noise);
                    overwrite(data, noise, random);
                }
            }
        }
        return data;
    }

    /** Copies a random block of {@code donor} over a random place of {@code data}, keeping its length. */
    private static void overwrite(byte[] data, byte[] donor, Random random) {
        int at = random.nextInt(data.length);
        int from = random.nextInt(donor.length);
        int length = random.nextInt(Math.min(64, Math.min(data.length - at, donor.length - from)) + 1);
        System.arraycopy(donor, from, data, at, length);
    }

    /** Replaces a random block of {@code data} with a random block of {@code donor} (lengths may differ). */
    private static byte[] splice(byte[] data, byte[] donor, Random random) {
        int at = random.nextInt(data.length);
        int cut = random.nextInt(Math.min(64, data.length - at) + 1);
        int from = random.nextInt(donor.length);
        int take = random.nextInt(Math.min(64, donor.length - from) + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + take);
        out.write(data, 0, at);
        out.write(donor, from, take);
        out.write(data, at + cut, data.length - at - cut);
        return out.toByteArray();
    }

    private static byte[] store(KeyStore store) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, "pw".toCharArray());
            return out.toByteArray();
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}

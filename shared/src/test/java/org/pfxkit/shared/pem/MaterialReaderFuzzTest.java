package org.pfxkit.shared.pem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.testing.FuzzSeeds;

/**
 * Coverage-guided fuzzing of the file recogniser and the PEM/DER key and certificate reader (docs/fuzzing.md).
 * Contract: {@link MaterialReader#read(byte[], Path, PasswordSource)} returns a file or refuses the bytes with a
 * PfxkitException that means bad input (exit 2); it never lets another exception out, never changes its input and
 * writes nothing. Seeds: the BouncyCastle-made keys and certificates of {@link ReaderRobustnessTest} (encrypted ones
 * with 16 iterations, so a run stays quick) and the outside PEM/DER vectors, read in place.
 */
class MaterialReaderFuzzTest {
    private static final Path NAME = Path.of("fuzz.pem");

    static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>(ReaderRobustnessTest.SEEDS);
        seeds.addAll(FuzzSeeds.vectors(List.of("pyca-cryptography/pem", "generated-openssl-3.0.19"),
                List.of(".pem", ".der", ".crt", ".key")));
        return seeds;
    }

    @BeforeAll
    static void offerSeeds() {
        FuzzSeeds.offer(MaterialReaderFuzzTest.class, "readsOrRefusesAsBadInput", seeds());
    }

    @FuzzTest
    void readsOrRefusesAsBadInput(byte[] input) {
        byte[] before = input.clone();
        try {
            ParsedFile file = MaterialReader.read(input, NAME, PasswordSource.of("pw".toCharArray()));
            assertNotNull(file.keys());
            assertNotNull(file.certificates());
        } catch (PfxkitException e) {
            FuzzSeeds.assertRefusedAsBadInput(e);
        }
        assertArrayEquals(before, input, "the reader changed its input");
    }

    /** The seeds themselves, replayed in every build (jazzer's regression mode replays only committed inputs). */
    @Test
    void everySeedKeepsTheContractAndWritesNothing() {
        FuzzSeeds.assertWritesNothing(() -> seeds().forEach(this::readsOrRefusesAsBadInput));
    }
}

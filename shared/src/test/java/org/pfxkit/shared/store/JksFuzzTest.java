package org.pfxkit.shared.store;

import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.testing.FuzzSeeds;

/**
 * Coverage-guided fuzzing of the JKS and JCEKS reader (docs/fuzzing.md), with the contract of {@link Pkcs12FuzzTest}:
 * a store or a PfxkitException meaning bad input, nothing else, input unchanged, nothing written.
 */
class JksFuzzTest {
    @BeforeAll
    static void offerSeeds() {
        FuzzSeeds.offer(JksFuzzTest.class, "opensOrRefusesAsBadInput", StoreFuzzSeeds.jks());
    }

    @FuzzTest
    void opensOrRefusesAsBadInput(byte[] input) {
        Pkcs12FuzzTest.opensOrRefusesAsBadInput(input, PasswordSource.of("pw".toCharArray()));
    }

    @Test
    void everySeedKeepsTheContractAndWritesNothing() {
        List<byte[]> seeds = StoreFuzzSeeds.jks();
        FuzzSeeds.assertWritesNothing(() -> seeds.forEach(this::opensOrRefusesAsBadInput));
    }
}

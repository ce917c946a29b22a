package org.pfxkit.shared.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.testing.FuzzSeeds;

/**
 * Coverage-guided fuzzing of the PKCS#12 walk (docs/fuzzing.md): bags in file order, their attributes, the MAC and
 * decryption, once with a known password and once with the empty one (tried in both encodings). Contract: {@link
 * Keystore#open(byte[], Path, PasswordSource)} returns a store whose entries are in file order and whose enumeration
 * order is the reverse (docs/enumeration-order.md), or refuses the bytes with a PfxkitException that means bad input
 * (exit 2); it never lets another exception out, never changes its input and writes nothing. The seeds use one
 * iteration; a mutant that asks for millions is bounded by the work budget of the readers and by jazzer's timeout.
 */
class Pkcs12FuzzTest {
    private static final Path NAME = Path.of("fuzz.pfx");

    @BeforeAll
    static void offerSeeds() {
        FuzzSeeds.offer(Pkcs12FuzzTest.class, "withKnownPassword", StoreFuzzSeeds.pkcs12("pw"));
        FuzzSeeds.offer(Pkcs12FuzzTest.class, "withEmptyPassword", StoreFuzzSeeds.pkcs12(""));
    }

    @FuzzTest
    void withKnownPassword(byte[] input) {
        opensOrRefusesAsBadInput(input, PasswordSource.of("pw".toCharArray()));
    }

    @FuzzTest
    void withEmptyPassword(byte[] input) {
        opensOrRefusesAsBadInput(input, PasswordSource.none());
    }

    static void opensOrRefusesAsBadInput(byte[] input, PasswordSource password) {
        byte[] before = input.clone();
        try {
            Keystore store = Keystore.open(input, NAME, password);
            assertNotNull(store.format());
            List<StoreEntry> fileOrder = store.fileOrder();
            for (int i = 1; i < fileOrder.size(); i++) {
                assertTrue(fileOrder.get(i - 1).fileIndex() < fileOrder.get(i).fileIndex(), "not in file order");
            }
            fileOrder.forEach(entry -> assertNotNull(entry.certificate()));
            if (store.format() == Keystore.Format.PKCS12) {
                List<StoreEntry> reversed = new ArrayList<>(fileOrder);
                Collections.reverse(reversed);
                assertEquals(reversed, store.enumerationOrder(), "PKCS#12 enumerates in reverse file order");
            } else {
                assertEquals(fileOrder.size(), store.enumerationOrder().size());
            }
        } catch (PfxkitException e) {
            FuzzSeeds.assertRefusedAsBadInput(e);
        }
        assertArrayEquals(before, input, "the reader changed its input");
    }

    /** The seeds themselves, replayed in every build (jazzer's regression mode replays only committed inputs). */
    @Test
    void everySeedKeepsTheContractAndWritesNothing() {
        FuzzSeeds.assertWritesNothing(() -> {
            StoreFuzzSeeds.pkcs12("pw").forEach(this::withKnownPassword);
            StoreFuzzSeeds.pkcs12("").forEach(this::withEmptyPassword);
        });
    }
}

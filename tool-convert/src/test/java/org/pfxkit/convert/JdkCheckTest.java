package org.pfxkit.convert;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pfxkit.convert.Interop.assertContains;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.keys.KeyMaterial;
import org.pfxkit.shared.testing.TestPki;
import org.pfxkit.shared.store.PfxOptions;
import org.pfxkit.shared.store.PfxWriter;
import org.pfxkit.shared.store.Profile;

/** The self-check that stands between a built PFX and the file system: it must pass what is right, and only that. */
class JdkCheckTest {
    private static final char[] PASSWORD = "check-Password-1".toCharArray();
    private static final TestPki.Issued ROOT = TestPki.rootCa("pfxkit Check Root");
    private static final TestPki.Issued LEAF = ROOT.issue(
            TestPki.leaf("check.example.com").keyType(TestPki.KeyType.RSA_2048).sharedKey("check"));

    private static byte[] pfx(KeyMaterial material, char[] password, PfxOptions options) throws PfxkitException {
        return PfxWriter.write(material, password, options);
    }

    @Test
    void passesOurOwnFileInBothProfilesAndWithTheEmptyPassword() {
        KeyMaterial material = new KeyMaterial(LEAF.privateKey(), LEAF.chain());
        for (PfxOptions options : List.of(PfxOptions.defaults(),
                new PfxOptions(Profile.LEGACY, PfxOptions.DEFAULT_ITERATIONS, null, null, true))) {
            assertDoesNotThrow(() -> JdkCheck.verify(pfx(material, PASSWORD, options), PASSWORD, LEAF.certificate(), 2));
            assertDoesNotThrow(() -> JdkCheck.verify(pfx(material, new char[0], options), new char[0],
                    LEAF.certificate(), 2));
        }
    }

    @Test
    void aKeyThatIsNotTheLeafsIsAnInternalError() throws Exception {
        TestPki.Issued other = ROOT.issue(
                TestPki.leaf("other.example.com").keyType(TestPki.KeyType.RSA_2048).sharedKey("check-other"));
        byte[] mismatched = pfx(new KeyMaterial(other.privateKey(), LEAF.chain()), PASSWORD, PfxOptions.defaults());

        PfxkitException e = assertThrows(PfxkitException.class,
                () -> JdkCheck.verify(mismatched, PASSWORD, LEAF.certificate(), 2));
        assertEquals(Problem.INTERNAL, e.problem());
        assertContains(e.getMessage(), "does not match the leaf certificate");
    }

    @Test
    void aChainOfAnotherLengthIsAnInternalError() throws Exception {
        byte[] leafOnly = pfx(new KeyMaterial(LEAF.privateKey(), LEAF.chain()), PASSWORD,
                new PfxOptions(Profile.MODERN, PfxOptions.DEFAULT_ITERATIONS, null, null, false));

        PfxkitException e = assertThrows(PfxkitException.class,
                () -> JdkCheck.verify(leafOnly, PASSWORD, LEAF.certificate(), 2));
        assertContains(e.getMessage(), "chain of 1 certificates instead of 2");
    }

    @Test
    void anotherPasswordIsAnInternalError() throws Exception {
        byte[] pfx = pfx(new KeyMaterial(LEAF.privateKey(), LEAF.chain()), PASSWORD, PfxOptions.defaults());

        PfxkitException e = assertThrows(PfxkitException.class,
                () -> JdkCheck.verify(pfx, "not-the-password".toCharArray(), LEAF.certificate(), 2));
        assertEquals(Problem.INTERNAL, e.problem());
        assertContains(e.getMessage(), "self-check of the written PFX failed");
    }
}

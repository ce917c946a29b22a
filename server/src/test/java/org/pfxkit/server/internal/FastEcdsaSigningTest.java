package org.pfxkit.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FastEcdsaSigningTest {
    private static final byte[] MESSAGE = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    @ParameterizedTest
    @CsvSource({"secp256r1, SHA256withECDSA", "secp384r1, SHA384withECDSA", "secp521r1, SHA512withECDSA"})
    void sunEcVerifiesWhatTheWrappedKeySigns(String curve, String algorithm) throws Exception {
        KeyPair pair = ec(curve);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(FastEcdsaSigning.wrap(pair.getPrivate(), pair.getPublic()));
        signer.update(MESSAGE);
        byte[] signature = signer.sign();
        assertEquals(FastEcdsaSigning.PROVIDER_NAME, signer.getProvider().getName());

        Signature verifier = Signature.getInstance(algorithm, "SunEC");
        verifier.initVerify(pair.getPublic());
        verifier.update(MESSAGE);
        assertTrue(verifier.verify(signature));
    }

    @Test
    void everyOtherEcKeyKeepsSunEc() throws Exception {
        KeyPair pair = ec("secp256r1");
        FastEcdsaSigning.wrap(pair.getPrivate(), pair.getPublic()); // registers the provider
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(MESSAGE);
        signer.sign();
        assertEquals("SunEC", signer.getProvider().getName());
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(pair.getPublic());
        assertNotEquals(FastEcdsaSigning.PROVIDER_NAME, verifier.getProvider().getName());
    }

    @Test
    void anRsaKeyIsLeftAsItIs() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        assertSame(pair.getPrivate(), FastEcdsaSigning.wrap(pair.getPrivate(), pair.getPublic()));
    }
}

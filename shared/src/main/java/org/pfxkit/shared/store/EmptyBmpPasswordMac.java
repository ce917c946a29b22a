package org.pfxkit.shared.store;

import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.generators.PKCS12ParametersGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.operator.bc.BcDefaultDigestProvider;
import org.bouncycastle.util.Arrays;

/**
 * The classic PKCS#12 MAC keyed with the empty password as the BMP string 00 00 (RFC 7292 B.1), which openssl, the
 * JDK and pyca write for '-passout pass:'. bcpkix turns an empty char[] into zero bytes (the Windows/BouncyCastle
 * form) and has no way to ask for 00 00 (VectorStoresTest shows isMacValid failing on such a file), so this feeds
 * BouncyCastle's own PKCS#12 KDF and HMAC those two bytes. .NET does the same ("try empty first, then null").
 */
final class EmptyBmpPasswordMac {
    private EmptyBmpPasswordMac() {
    }

    static boolean verifies(MacData mac, byte[] authSafe) throws org.bouncycastle.operator.OperatorCreationException {
        Digest digest = BcDefaultDigestProvider.INSTANCE.get(mac.getMac().getAlgorithmId());
        PKCS12ParametersGenerator generator = new PKCS12ParametersGenerator(digest);
        generator.init(new byte[2], mac.getSalt(), mac.getIterationCount().intValueExact());
        HMac hmac = new HMac(BcDefaultDigestProvider.INSTANCE.get(mac.getMac().getAlgorithmId()));
        hmac.init(generator.generateDerivedMacParameters(digest.getDigestSize() * 8));
        hmac.update(authSafe, 0, authSafe.length);
        byte[] actual = new byte[hmac.getMacSize()];
        hmac.doFinal(actual, 0);
        return Arrays.constantTimeAreEqual(mac.getMac().getDigest(), actual);
    }
}

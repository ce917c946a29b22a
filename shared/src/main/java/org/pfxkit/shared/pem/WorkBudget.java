package org.pfxkit.shared.pem;

import java.math.BigInteger;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.misc.MiscObjectIdentifiers;
import org.bouncycastle.asn1.misc.ScryptParams;
import org.bouncycastle.asn1.pkcs.PBEParameter;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PBMAC1Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/**
 * The key-derivation work one input file may make us do: the sum of the iterations of its MAC and of every encrypted
 * bag or key, counted once for every password encoding tried, checked before each derivation runs. A crafted file
 * with huge counts is refused at once instead of stalling certfind or the server for minutes.
 */
public final class WorkBudget {
    /**
     * Real files stay far below: openssl writes 2,048 iterations, Windows 2,000, keytool 10,000 per MAC and bag; a
     * store at OWASP's 600,000 for its MAC fits.
     */
    public static final long MAX_ITERATIONS = 2_000_000;

    private final String file;
    private long spent;

    /** {@code file} as messages name it, e.g. "'store.pfx'". */
    public WorkBudget(String file) {
        this.file = file;
    }

    /** Counts the derivation that {@code algorithm} (a PBE scheme or PBMAC1) asks for, before it runs. */
    public void spend(AlgorithmIdentifier algorithm, String what) throws PfxkitException {
        BigInteger iterations = cost(algorithm);
        if (iterations == null) {
            // BouncyCastle's getInstance(null) is null: the scheme's parameters (salt, count) are missing.
            throw new PfxkitException(Problem.BAD_DER, file + ": " + what + " names "
                    + algorithm.getAlgorithm().getId() + " without its parameters (salt and iteration count)",
                    "the file is damaged; export it again");
        }
        spend(iterations, what);
    }

    /** Counts {@code iterations} (a classic PKCS#12 MAC's count) before they run. */
    public void spend(BigInteger iterations, String what) throws PfxkitException {
        if (iterations.signum() <= 0) {
            throw new PfxkitException(Problem.BAD_DER, file + ": " + what + " has an iteration count of "
                    + iterations, "the file is damaged; export it again");
        }
        BigInteger total = iterations.add(BigInteger.valueOf(spent));
        if (total.compareTo(BigInteger.valueOf(MAX_ITERATIONS)) > 0) {
            throw new PfxkitException(Problem.UNSUPPORTED_ALGORITHM, file + " asks for more than " + MAX_ITERATIONS
                    + " key-derivation iterations in all (" + what + " alone asks for " + iterations
                    + "): pfxkit stops there so that a crafted file cannot stall it",
                    "if the file is genuine, export it again with fewer iterations (openssl uses 2048)");
        }
        spent = total.longValueExact();
    }

    /** The iterations a scheme's parameters ask for; null when a parameter structure is absent. */
    static BigInteger cost(AlgorithmIdentifier algorithm) {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (PKCSObjectIdentifiers.id_PBES2.equals(oid)) {
            PBES2Parameters pbes2 = PBES2Parameters.getInstance(algorithm.getParameters());
            return pbes2 == null ? null : kdfCost(AlgorithmIdentifier.getInstance(pbes2.getKeyDerivationFunc()));
        }
        if (PKCSObjectIdentifiers.id_PBMAC1.equals(oid)) {
            PBMAC1Params pbmac1 = PBMAC1Params.getInstance(algorithm.getParameters());
            return pbmac1 == null ? null : kdfCost(pbmac1.getKeyDerivationFunc());
        }
        if (oid.on(PKCSObjectIdentifiers.pkcs_12PbeIds)) {
            // RFC 7292 B.2: the key and the IV are two runs of the KDF.
            PKCS12PBEParams pkcs12 = PKCS12PBEParams.getInstance(algorithm.getParameters());
            return pkcs12 == null ? null : pkcs12.getIterations().shiftLeft(1);
        }
        PBEParameter pbe = PBEParameter.getInstance(algorithm.getParameters());
        return pbe == null ? null : pbe.getIterationCount();
    }

    /** PBKDF2's iteration count, or scrypt's N * r * p (its memory and time grow with it), of PBES2 or PBMAC1. */
    private static BigInteger kdfCost(AlgorithmIdentifier kdf) {
        if (kdf != null && MiscObjectIdentifiers.id_scrypt.equals(kdf.getAlgorithm())) {
            ScryptParams scrypt = ScryptParams.getInstance(kdf.getParameters());
            return scrypt == null ? null : scrypt.getCostParameter().multiply(scrypt.getBlockSize())
                    .multiply(scrypt.getParallelizationParameter());
        }
        PBKDF2Params pbkdf2 = kdf == null ? null : PBKDF2Params.getInstance(kdf.getParameters());
        return pbkdf2 == null ? null : pbkdf2.getIterationCount();
    }
}

package org.pfxkit.shared.keys;

import java.math.BigInteger;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/**
 * Scalar multiplication on a short-Weierstrass prime curve (y^2 = x^3 + ax + b), in Jacobian coordinates with the
 * "dbl-2007-bl" and "add-2007-bl" formulas of the Explicit-Formulas Database (hyperelliptic.org/EFD/g1p). The JDK
 * has no public point arithmetic; this small version computes a public key from a private scalar without loading a
 * math library. Private scalars here come from the user's own key file; the computation is not constant-time, which
 * is acceptable for a local one-off comparison but must not be reused for signing.
 */
final class EcMath {
    private EcMath() {
    }

    /** k * G in affine coordinates; throws IllegalArgumentException for a non-prime field or k = 0 mod n. */
    static ECPoint multiplyGenerator(ECParameterSpec params, BigInteger k) {
        if (!(params.getCurve().getField() instanceof ECFieldFp field)) {
            throw new IllegalArgumentException("only prime-field curves are used by TLS certificates");
        }
        BigInteger p = field.getP();
        BigInteger a = params.getCurve().getA();
        BigInteger scalar = k.mod(params.getOrder());
        if (scalar.signum() == 0) {
            throw new IllegalArgumentException("the private scalar is a multiple of the group order");
        }
        BigInteger gx = params.getGenerator().getAffineX();
        BigInteger gy = params.getGenerator().getAffineY();
        BigInteger[] r = null;
        for (int i = scalar.bitLength() - 1; i >= 0; i--) {
            if (r != null) {
                r = twice(r, a, p);
            }
            if (scalar.testBit(i)) {
                r = r == null ? new BigInteger[] {gx, gy, BigInteger.ONE} : plus(r, gx, gy, a, p);
            }
        }
        if (r == null || r[2].signum() == 0) {
            throw new IllegalArgumentException("the result is the point at infinity");
        }
        BigInteger zInverse = r[2].modInverse(p);
        BigInteger zInverse2 = zInverse.multiply(zInverse).mod(p);
        return new ECPoint(r[0].multiply(zInverse2).mod(p), r[1].multiply(zInverse2).multiply(zInverse).mod(p));
    }

    /** Doubling: XX=X1^2, YY=Y1^2, S=4*X1*YY, M=3*XX+a*Z1^4, X3=M^2-2S, Y3=M*(S-X3)-8*YY^2, Z3=2*Y1*Z1. */
    private static BigInteger[] twice(BigInteger[] q, BigInteger a, BigInteger p) {
        if (q[2].signum() == 0 || q[1].signum() == 0) {
            return new BigInteger[] {BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO};
        }
        BigInteger xx = q[0].multiply(q[0]).mod(p);
        BigInteger yy = q[1].multiply(q[1]).mod(p);
        BigInteger zz = q[2].multiply(q[2]).mod(p);
        BigInteger s = q[0].multiply(yy).shiftLeft(2).mod(p);
        BigInteger m = xx.multiply(BigInteger.valueOf(3)).add(a.multiply(zz.multiply(zz))).mod(p);
        BigInteger x3 = m.multiply(m).subtract(s.shiftLeft(1)).mod(p);
        BigInteger y3 = m.multiply(s.subtract(x3)).subtract(yy.multiply(yy).shiftLeft(3)).mod(p);
        BigInteger z3 = q[1].multiply(q[2]).shiftLeft(1).mod(p);
        return new BigInteger[] {x3, y3, z3};
    }

    /** Mixed addition of an affine point (x2, y2): U2=x2*Z1^2, S2=y2*Z1^3, H=U2-X1, R=S2-Y1. */
    private static BigInteger[] plus(BigInteger[] q, BigInteger x2, BigInteger y2, BigInteger a, BigInteger p) {
        if (q[2].signum() == 0) {
            return new BigInteger[] {x2, y2, BigInteger.ONE};
        }
        BigInteger z1z1 = q[2].multiply(q[2]).mod(p);
        BigInteger u2 = x2.multiply(z1z1).mod(p);
        BigInteger s2 = y2.multiply(q[2]).multiply(z1z1).mod(p);
        BigInteger h = u2.subtract(q[0]).mod(p);
        BigInteger r = s2.subtract(q[1]).mod(p);
        if (h.signum() == 0) {
            return r.signum() == 0 ? twice(q, a, p) : new BigInteger[] {BigInteger.ONE, BigInteger.ONE,
                BigInteger.ZERO};
        }
        BigInteger hh = h.multiply(h).mod(p);
        BigInteger hhh = h.multiply(hh).mod(p);
        BigInteger v = q[0].multiply(hh).mod(p);
        BigInteger x3 = r.multiply(r).subtract(hhh).subtract(v.shiftLeft(1)).mod(p);
        BigInteger y3 = r.multiply(v.subtract(x3)).subtract(q[1].multiply(hhh)).mod(p);
        BigInteger z3 = q[2].multiply(h).mod(p);
        return new BigInteger[] {x3, y3, z3};
    }
}

package org.beelms.plugin.supplychain;

import java.math.BigInteger;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/**
 * Scalar multiplication on a prime curve (affine double-and-add), only to derive a signing key's
 * public point d·G once, which the JDK does not expose. Not constant-time; it never runs on
 * attacker-chosen input and signing itself is the JDK's.
 */
final class EcMath {

  private EcMath() {}

  static ECPoint multiply(ECParameterSpec params, BigInteger scalar) {
    BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
    BigInteger a = params.getCurve().getA();
    ECPoint result = ECPoint.POINT_INFINITY;
    ECPoint addend = params.getGenerator();
    for (int i = 0; i < scalar.bitLength(); i++) {
      if (scalar.testBit(i)) {
        result = add(result, addend, p, a);
      }
      addend = add(addend, addend, p, a);
    }
    return result;
  }

  private static ECPoint add(ECPoint first, ECPoint second, BigInteger p, BigInteger a) {
    if (first.equals(ECPoint.POINT_INFINITY)) {
      return second;
    }
    if (second.equals(ECPoint.POINT_INFINITY)) {
      return first;
    }
    BigInteger x1 = first.getAffineX();
    BigInteger y1 = first.getAffineY();
    BigInteger x2 = second.getAffineX();
    BigInteger y2 = second.getAffineY();
    BigInteger lambda;
    if (x1.equals(x2)) {
      if (!y1.equals(y2) || y1.signum() == 0) {
        return ECPoint.POINT_INFINITY;
      }
      lambda = x1.pow(2).multiply(BigInteger.valueOf(3)).add(a)
          .multiply(y1.shiftLeft(1).modInverse(p)).mod(p);
    } else {
      lambda = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(p)).mod(p);
    }
    BigInteger x3 = lambda.pow(2).subtract(x1).subtract(x2).mod(p);
    BigInteger y3 = lambda.multiply(x1.subtract(x3)).subtract(y1).mod(p);
    return new ECPoint(x3, y3);
  }
}

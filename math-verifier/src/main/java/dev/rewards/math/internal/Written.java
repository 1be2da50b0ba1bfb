package dev.rewards.math.internal;

import java.math.BigInteger;
import java.util.List;

/**
 * A number as written in decimal notation — 2.50, −0.125, 1.5 × 10^{3}, 33.3 % — with the precision its writing
 * shows: how many decimal places (negative for 1.5 × 10^{3}, which is rounded to hundreds) and significant digits.
 * Its value is the exact rational the digits spell; whether it was rounded is for the comparison to decide.
 */
record Written(Exact.Rational value, int places, int significant) {

    /** The written number, or null when the node is not a decimal literal (an integer, a fraction, an expression). */
    static Written of(Node node) {
        if (node instanceof Node.Neg neg) {
            Written inner = of(neg.value());
            return inner == null ? null : new Written(inner.value.negate(), inner.places, inner.significant);
        }
        if (node instanceof Node.Num num && num.decimal()) {
            Exact.Rational value = new Exact.Rational(num.numerator(), num.denominator());
            BigInteger digits = value.num().abs().multiply(BigInteger.TEN.pow(num.decimals())).divide(value.den());
            return new Written(value, num.decimals(), digits.signum() == 0 ? 0 : digits.toString().length());
        }
        if (node instanceof Node.Mul mul && mul.factors().size() == 2) {
            Written mantissa = of(mul.factors().get(0));
            Integer shift = powerOfTen(mul.factors().get(1));
            if (mantissa != null && shift != null && Math.abs(shift) <= 10_000) {
                Exact.Rational value = Exact.eval(new Node.Mul(List.of(mul.factors().get(0), mul.factors().get(1))));
                return value == null ? null : new Written(value, mantissa.places - shift, mantissa.significant);
            }
        }
        return null;
    }

    /** k for 10^k (also 100^{-1}, the form a percent sign takes), null otherwise. */
    private static Integer powerOfTen(Node node) {
        if (!(node instanceof Node.Pow pow) || !(pow.base() instanceof Node.Num base) || base.decimal()
                || !base.denominator().equals(BigInteger.ONE)) {
            return null;
        }
        Exact.Rational exponent = Exact.eval(pow.exponent());
        if (exponent == null || !exponent.den().equals(BigInteger.ONE) || exponent.num().bitLength() > 16) {
            return null;
        }
        String digits = base.numerator().toString();
        if (!digits.matches("10*")) {
            return null;
        }
        return (digits.length() - 1) * exponent.num().intValue();
    }

    /** Half a unit in the last place written: the most a correctly rounded value may be off. */
    Exact.Rational halfUnit() {
        return places >= 0 ? new Exact.Rational(BigInteger.ONE, BigInteger.TWO.multiply(BigInteger.TEN.pow(places)))
                : new Exact.Rational(BigInteger.TEN.pow(-places), BigInteger.TWO);
    }

    /** True when the rational has a finite decimal expansion (its reduced denominator is 2^a 5^b). */
    static boolean terminates(Exact.Rational value) {
        BigInteger den = value.den();
        den = den.shiftRight(den.getLowestSetBit());
        BigInteger five = BigInteger.valueOf(5);
        while (den.mod(five).signum() == 0) {
            den = den.divide(five);
        }
        return den.equals(BigInteger.ONE);
    }
}

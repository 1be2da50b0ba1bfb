package dev.rewards.math.internal;

import java.math.BigInteger;

/**
 * Exact rational evaluation of expressions without variables: +, −, ×, ÷, integer powers, factorials and binomials,
 * and roots of perfect powers. Returns null when the value is not rational (π, √2) or would be too large to compute
 * quickly — every operation is bounded in bit length, so {@code 9^{9^{9^9}}} is refused in microseconds.
 */
public final class Exact {

    /** Largest numerator or denominator kept, in bits (≈ 60,000 decimal digits: 1/2006! fits). */
    static final int MAX_BITS = 200_000;
    static final int MAX_FACTORIAL = 10_000;

    /** A normalized fraction (denominator positive, gcd 1). */
    public record Rational(BigInteger num, BigInteger den) {
        public Rational {
            if (den.signum() == 0) {
                throw new ArithmeticException("division by zero");
            }
            if (den.signum() < 0) {
                num = num.negate();
                den = den.negate();
            }
            BigInteger gcd = num.gcd(den);
            if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
                num = num.divide(gcd);
                den = den.divide(gcd);
            }
        }

        private static Rational bounded(Rational r) {
            if (r.num.bitLength() > MAX_BITS || r.den.bitLength() > MAX_BITS) {
                throw new TooLarge();
            }
            return r;
        }

        static Rational of(long value) {
            return new Rational(BigInteger.valueOf(value), BigInteger.ONE);
        }

        Rational add(Rational o) {
            return bounded(new Rational(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den)));
        }

        Rational multiply(Rational o) {
            return bounded(new Rational(num.multiply(o.num), den.multiply(o.den)));
        }

        Rational subtract(Rational o) {
            return add(o.negate());
        }

        Rational abs() {
            return num.signum() < 0 ? negate() : this;
        }

        int compareTo(Rational o) {
            return num.multiply(o.den).compareTo(o.num.multiply(den));
        }

        java.math.BigDecimal toBigDecimal(java.math.MathContext mc) {
            return new java.math.BigDecimal(num).divide(new java.math.BigDecimal(den), mc);
        }

        Rational negate() {
            return new Rational(num.negate(), den);
        }

        Rational inverse() {
            return new Rational(den, num);
        }

        boolean isInteger() {
            return den.equals(BigInteger.ONE);
        }

        public double toDouble() {
            return new java.math.BigDecimal(num).divide(new java.math.BigDecimal(den), java.math.MathContext.DECIMAL64)
                    .doubleValue();
        }
    }

    /** Thrown when a value exists but is too large to compute within the bounds. */
    public static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("value too large", null, false, false);
        }
    }

    private Exact() {
    }

    /** The exact value, null when not rational; throws {@link TooLarge} when beyond the bounds. */
    public static Rational eval(Node node) {
        try {
            return value(node);
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static Rational value(Node node) {
        if (node instanceof Node.Num num) {
            return new Rational(num.numerator(), num.denominator());
        }
        if (node instanceof Node.Sym) {
            return null;
        }
        if (node instanceof Node.Neg neg) {
            Rational v = value(neg.value());
            return v == null ? null : v.negate();
        }
        if (node instanceof Node.Add add) {
            Rational sum = Rational.of(0);
            for (Node term : add.terms()) {
                Rational v = value(term);
                if (v == null) {
                    return null;
                }
                sum = sum.add(v);
            }
            return sum;
        }
        if (node instanceof Node.Mul mul) {
            Rational product = Rational.of(1);
            for (Node factor : mul.factors()) {
                Rational v = value(factor);
                if (v == null) {
                    return null;
                }
                product = product.multiply(v);
            }
            return product;
        }
        if (node instanceof Node.Pow pow) {
            Rational base = value(pow.base());
            Rational exponent = value(pow.exponent());
            if (base == null || exponent == null) {
                return null;
            }
            return power(base, exponent);
        }
        Node.Fn fn = (Node.Fn) node;
        switch (fn.func()) {
            case FACTORIAL: {
                Rational n = value(fn.args().get(0));
                if (n == null || !n.isInteger() || n.num.signum() < 0) {
                    return null;
                }
                if (n.num.compareTo(BigInteger.valueOf(MAX_FACTORIAL)) > 0) {
                    throw new TooLarge();
                }
                return new Rational(factorial(n.num.intValueExact()), BigInteger.ONE);
            }
            case BINOM: {
                Rational n = value(fn.args().get(0));
                Rational k = value(fn.args().get(1));
                if (n == null || k == null || !n.isInteger() || !k.isInteger()) {
                    return null;
                }
                if (n.num.compareTo(BigInteger.valueOf(1_000_000)) > 0) {
                    throw new TooLarge();
                }
                return new Rational(binomial(n.num.intValueExact(), k.num.intValueExact()), BigInteger.ONE);
            }
            case SQRT:
                return root(value(fn.args().get(0)), Rational.of(2));
            case ROOT:
                return root(value(fn.args().get(0)), value(fn.args().get(1)));
            case ABS: {
                Rational v = value(fn.args().get(0));
                return v == null ? null : new Rational(v.num.abs(), v.den);
            }
            default:
                return null;
        }
    }

    private static Rational power(Rational base, Rational exponent) {
        if (!exponent.isInteger()) {
            BigInteger q = exponent.den;
            if (q.bitLength() > 8) {
                return null;
            }
            Rational rooted = root(base, new Rational(q, BigInteger.ONE));
            return rooted == null ? null : power(rooted, new Rational(exponent.num, BigInteger.ONE));
        }
        if (base.num.signum() == 0) {
            return exponent.num.signum() < 0 ? null : exponent.num.signum() == 0 ? Rational.of(1) : Rational.of(0);
        }
        boolean unit = base.num.abs().equals(BigInteger.ONE) && base.den.equals(BigInteger.ONE);
        if (unit) {
            return exponent.num.testBit(0) ? base : Rational.of(1);
        }
        long bits = Math.max(base.num.bitLength(), base.den.bitLength());
        if (exponent.num.bitLength() > 31 || bits * exponent.num.abs().longValue() > MAX_BITS) {
            throw new TooLarge();
        }
        int e = exponent.num.intValue();
        Rational result = new Rational(base.num.pow(Math.abs(e)), base.den.pow(Math.abs(e)));
        return e < 0 ? result.inverse() : result;
    }

    /** The exact n-th root when the value is a perfect power, else null. */
    private static Rational root(Rational value, Rational index) {
        if (value == null || index == null || !index.isInteger() || index.num.signum() <= 0
                || index.num.bitLength() > 8) {
            return null;
        }
        int n = index.num.intValue();
        if (value.num.signum() < 0 && n % 2 == 0) {
            return null;
        }
        BigInteger num = integerRoot(value.num.abs(), n);
        BigInteger den = integerRoot(value.den, n);
        if (num == null || den == null) {
            return null;
        }
        return new Rational(value.num.signum() < 0 ? num.negate() : num, den);
    }

    private static BigInteger integerRoot(BigInteger value, int n) {
        if (value.signum() == 0) {
            return BigInteger.ZERO;
        }
        if (n == 1) {
            return value;
        }
        if (value.bitLength() > 4096) {
            return null;
        }
        BigInteger guess = BigInteger.valueOf(Math.round(Math.pow(value.doubleValue(), 1.0 / n)));
        if (!Double.isFinite(value.doubleValue())) {
            return null;
        }
        for (long delta = -1; delta <= 1; delta++) {
            BigInteger candidate = guess.add(BigInteger.valueOf(delta));
            if (candidate.signum() >= 0 && candidate.pow(n).equals(value)) {
                return candidate;
            }
        }
        return null;
    }

    private static BigInteger factorial(int n) {
        BigInteger result = BigInteger.ONE;
        for (int i = 2; i <= n; i++) {
            result = result.multiply(BigInteger.valueOf(i));
        }
        return result;
    }

    private static BigInteger binomial(int n, int k) {
        if (k < 0 || k > n) {
            return BigInteger.ZERO;
        }
        k = Math.min(k, n - k);
        if (k > 20_000) {
            throw new TooLarge();
        }
        BigInteger result = BigInteger.ONE;
        for (int i = 1; i <= k; i++) {
            result = result.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
        }
        return result;
    }
}

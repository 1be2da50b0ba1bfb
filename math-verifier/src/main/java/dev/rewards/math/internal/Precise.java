package dev.rewards.math.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Real values of constant expressions to a chosen number of significant digits, for what doubles cannot tell apart:
 * 1 + e^{-40} from 1, e^{-40} from 0, a 20-digit decimal from π. Real only: an imaginary unit, infinity, a variable
 * or a value outside the real domain (√−1, ln 0) is {@link Unsupported}, and the caller falls back to doubles.
 */
final class Precise {

    /** Thrown when the expression has no real value this evaluator can compute. */
    static final class Unsupported extends RuntimeException {
        Unsupported() {
            super("unsupported", null, false, false);
        }
    }

    /** Most digits ever asked for; {@link #PI} and {@link #LN2} carry this many plus guard digits. */
    static final int MAX_DIGITS = 200;
    private static final MathContext CONSTANTS = new MathContext(MAX_DIGITS + 30, RoundingMode.HALF_EVEN);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    /** Machin: π = 16 atan(1/5) − 4 atan(1/239). */
    private static final BigDecimal PI = atanSeries(BigDecimal.ONE.divide(BigDecimal.valueOf(5), CONSTANTS), CONSTANTS)
            .multiply(BigDecimal.valueOf(16))
            .subtract(atanSeries(BigDecimal.ONE.divide(BigDecimal.valueOf(239), CONSTANTS), CONSTANTS)
                    .multiply(BigDecimal.valueOf(4)), CONSTANTS);
    /** ln 2 = 2 atanh(1/3). */
    private static final BigDecimal LN2 =
            atanhSeries(BigDecimal.ONE.divide(BigDecimal.valueOf(3), CONSTANTS), CONSTANTS).multiply(TWO);
    private static final BigDecimal LN10 = BigDecimal.valueOf(3).multiply(LN2)
            .add(atanhSeries(BigDecimal.ONE.divide(BigDecimal.valueOf(9), CONSTANTS), CONSTANTS).multiply(TWO));
    private static final int MAX_EXP_ARGUMENT = 100_000;

    private final MathContext mc;
    private final BigDecimal epsilon;

    private Precise(int digits) {
        this.mc = new MathContext(digits + 10, RoundingMode.HALF_EVEN);
        this.epsilon = BigDecimal.ONE.movePointLeft(digits + 12);
    }

    /** The value to about {@code digits} significant digits (fewer after a cancellation, as in any arithmetic). */
    static BigDecimal eval(Node node, int digits) {
        if (digits > MAX_DIGITS) {
            throw new Unsupported();
        }
        return new Precise(digits).value(node);
    }

    /**
     * The complex value {re, im} to about {@code digits} significant digits, for expressions with the imaginary unit
     * or a square root of a negative number: +, −, ×, ÷, integer powers, √, |z| and e^z of complex values, anything
     * else of a real value. Functions of a non-real argument are {@link Unsupported}.
     */
    static BigDecimal[] evalComplex(Node node, int digits) {
        if (digits > MAX_DIGITS) {
            throw new Unsupported();
        }
        return new Precise(digits).complex(node);
    }

    private BigDecimal[] complex(Node node) {
        if (!Nodes.anyMatch(node, n -> n instanceof Node.Sym sym && sym.name().equals("i"))) {
            try {
                return new BigDecimal[] {value(node), BigDecimal.ZERO};
            } catch (Unsupported notReal) {
                if (!(node instanceof Node.Fn fn && fn.func() == Func.SQRT) && !(node instanceof Node.Pow)
                        && !(node instanceof Node.Add) && !(node instanceof Node.Mul) && !(node instanceof Node.Neg)) {
                    throw notReal;
                }
            }
        }
        if (node instanceof Node.Sym sym) {
            if (sym.name().equals("i")) {
                return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ONE};
            }
            throw new Unsupported();
        }
        if (node instanceof Node.Num || node instanceof Node.Fn fn && fn.func() != Func.SQRT && fn.func() != Func.ABS
                && fn.func() != Func.EXP) {
            throw new Unsupported();
        }
        if (node instanceof Node.Neg neg) {
            BigDecimal[] v = complex(neg.value());
            return new BigDecimal[] {v[0].negate(), v[1].negate()};
        }
        if (node instanceof Node.Add add) {
            BigDecimal re = BigDecimal.ZERO;
            BigDecimal im = BigDecimal.ZERO;
            for (Node term : add.terms()) {
                BigDecimal[] v = complex(term);
                re = re.add(v[0], mc);
                im = im.add(v[1], mc);
            }
            return new BigDecimal[] {re, im};
        }
        if (node instanceof Node.Mul mul) {
            BigDecimal[] product = {BigDecimal.ONE, BigDecimal.ZERO};
            for (Node factor : mul.factors()) {
                product = times(product, complex(factor));
            }
            return product;
        }
        if (node instanceof Node.Pow pow) {
            return complexPower(pow);
        }
        Node.Fn fn = (Node.Fn) node;
        BigDecimal[] z = complex(fn.arg());
        switch (fn.func()) {
            case SQRT:
                return complexSqrt(z);
            case ABS:
                return new BigDecimal[] {modulus(z), BigDecimal.ZERO};
            default:
                return complexExp(z);
        }
    }

    private BigDecimal[] complexPower(Node.Pow pow) {
        Exact.Rational exponent = Exact.eval(pow.exponent());
        if (exponent != null && exponent.den().equals(BigInteger.ONE) && exponent.num().bitLength() <= 16) {
            return integerPower(complex(pow.base()), exponent.num().intValue());
        }
        if (exponent != null && exponent.den().equals(BigInteger.TWO) && exponent.num().bitLength() <= 16) {
            return integerPower(complexSqrt(complex(pow.base())), exponent.num().intValue());
        }
        if (pow.base() instanceof Node.Sym e && e.name().equals("e")) {
            return complexExp(complex(pow.exponent()));
        }
        BigDecimal[] base = complex(pow.base());
        if (base[1].signum() != 0 || base[0].signum() <= 0) {
            throw new Unsupported();
        }
        BigDecimal[] w = complex(pow.exponent());
        BigDecimal lnBase = ln(base[0]);
        return complexExp(new BigDecimal[] {w[0].multiply(lnBase, mc), w[1].multiply(lnBase, mc)});
    }

    private BigDecimal[] integerPower(BigDecimal[] base, int n) {
        BigDecimal[] result = {BigDecimal.ONE, BigDecimal.ZERO};
        BigDecimal[] square = base;
        for (int k = Math.abs(n); k > 0; k >>= 1) {
            if ((k & 1) == 1) {
                result = times(result, square);
            }
            square = times(square, square);
        }
        return n < 0 ? reciprocal(result) : result;
    }

    private BigDecimal[] times(BigDecimal[] a, BigDecimal[] b) {
        return new BigDecimal[] {a[0].multiply(b[0], mc).subtract(a[1].multiply(b[1], mc), mc),
            a[0].multiply(b[1], mc).add(a[1].multiply(b[0], mc), mc)};
    }

    private BigDecimal[] reciprocal(BigDecimal[] z) {
        BigDecimal norm = z[0].multiply(z[0], mc).add(z[1].multiply(z[1], mc), mc);
        if (norm.compareTo(epsilon.multiply(epsilon)) <= 0) {
            throw new Unsupported();
        }
        return new BigDecimal[] {z[0].divide(norm, mc), z[1].negate().divide(norm, mc)};
    }

    private BigDecimal modulus(BigDecimal[] z) {
        return z[0].multiply(z[0], mc).add(z[1].multiply(z[1], mc), mc).sqrt(mc);
    }

    /** The principal square root: non-negative real part, and the imaginary part's sign (+ on the negative axis). */
    private BigDecimal[] complexSqrt(BigDecimal[] z) {
        BigDecimal r = modulus(z);
        BigDecimal re = r.add(z[0], mc).divide(TWO, mc).max(BigDecimal.ZERO).sqrt(mc);
        BigDecimal im = r.subtract(z[0], mc).divide(TWO, mc).max(BigDecimal.ZERO).sqrt(mc);
        return new BigDecimal[] {re, z[1].signum() < 0 ? im.negate() : im};
    }

    private BigDecimal[] complexExp(BigDecimal[] z) {
        BigDecimal magnitude = exp(z[0]);
        return new BigDecimal[] {magnitude.multiply(cos(z[1]), mc), magnitude.multiply(sin(z[1]), mc)};
    }

    private BigDecimal value(Node node) {
        if (node instanceof Node.Num num) {
            return new BigDecimal(num.numerator()).divide(new BigDecimal(num.denominator()), mc);
        }
        if (node instanceof Node.Sym sym) {
            return switch (sym.name()) {
                case "pi" -> PI.round(mc);
                case "e" -> exp(BigDecimal.ONE);
                default -> throw new Unsupported();
            };
        }
        if (node instanceof Node.Neg neg) {
            return value(neg.value()).negate();
        }
        if (node instanceof Node.Add add) {
            BigDecimal sum = BigDecimal.ZERO;
            for (Node term : add.terms()) {
                sum = sum.add(value(term), mc);
            }
            return sum;
        }
        if (node instanceof Node.Mul mul) {
            BigDecimal product = BigDecimal.ONE;
            for (Node factor : mul.factors()) {
                product = product.multiply(value(factor), mc);
            }
            return product;
        }
        if (node instanceof Node.Pow pow) {
            return power(pow);
        }
        return function((Node.Fn) node);
    }

    private BigDecimal power(Node.Pow pow) {
        BigDecimal base = value(pow.base());
        Exact.Rational exponent = Exact.eval(pow.exponent());
        if (exponent != null && exponent.den().equals(BigInteger.ONE)) {
            if (exponent.num().bitLength() > 20) {
                throw new Unsupported();
            }
            int n = exponent.num().intValue();
            if (base.signum() == 0) {
                if (n <= 0) {
                    throw new Unsupported();
                }
                return BigDecimal.ZERO;
            }
            return base.pow(n, mc);
        }
        if (exponent != null && base.signum() < 0 && exponent.den().testBit(0) && exponent.den().bitLength() <= 16) {
            // x^(p/q) with q odd: the real root, as Numeric reads it
            BigDecimal magnitude = power(base.negate(), exponent);
            return exponent.num().testBit(0) ? magnitude.negate() : magnitude;
        }
        if (base.signum() < 0) {
            throw new Unsupported();
        }
        if (base.signum() == 0) {
            BigDecimal e = value(pow.exponent());
            if (e.signum() <= 0) {
                throw new Unsupported();
            }
            return BigDecimal.ZERO;
        }
        BigDecimal e = exponent != null ? new BigDecimal(exponent.num()).divide(new BigDecimal(exponent.den()), mc)
                : value(pow.exponent());
        return exp(ln(base).multiply(e, mc));
    }

    private BigDecimal power(BigDecimal positiveBase, Exact.Rational exponent) {
        if (positiveBase.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal e = new BigDecimal(exponent.num()).divide(new BigDecimal(exponent.den()), mc);
        return exp(ln(positiveBase).multiply(e, mc));
    }

    private BigDecimal function(Node.Fn fn) {
        if (fn.func() == Func.FACTORIAL || fn.func() == Func.BINOM) {
            Exact.Rational exact = Exact.eval(fn);
            if (exact == null) {
                throw new Unsupported();
            }
            return new BigDecimal(exact.num()).divide(new BigDecimal(exact.den()), mc);
        }
        BigDecimal x = value(fn.arg());
        switch (fn.func()) {
            case SQRT:
                if (x.signum() < 0) {
                    throw new Unsupported();
                }
                return x.sqrt(mc);
            case ROOT: {
                Exact.Rational n = Exact.eval(fn.args().get(1));
                if (n == null || !n.den().equals(BigInteger.ONE) || n.num().signum() <= 0 || n.num().bitLength() > 16) {
                    throw new Unsupported();
                }
                Exact.Rational inverse = new Exact.Rational(BigInteger.ONE, n.num());
                if (x.signum() < 0) {
                    if (!n.num().testBit(0)) {
                        throw new Unsupported();
                    }
                    return power(x.negate(), inverse).negate();
                }
                return power(x, inverse);
            }
            case LN:
                return ln(x);
            case LOG10:
                return ln(x).divide(LN10, mc);
            case LOGB: {
                BigDecimal base = ln(value(fn.args().get(1)));
                if (base.signum() == 0) {
                    throw new Unsupported();
                }
                return ln(x).divide(base, mc);
            }
            case EXP:
                return exp(x);
            case SIN:
                return sin(x);
            case COS:
                return cos(x);
            case TAN:
                return nonZeroDivide(sin(x), cos(x));
            case COT:
                return nonZeroDivide(cos(x), sin(x));
            case SEC:
                return nonZeroDivide(BigDecimal.ONE, cos(x));
            case CSC:
                return nonZeroDivide(BigDecimal.ONE, sin(x));
            case ARCTAN:
                return atan(x);
            case ARCSIN:
                return asin(x);
            case ARCCOS:
                return PI.divide(TWO, mc).subtract(asin(x), mc);
            case SINH:
                return exp(x).subtract(exp(x.negate()), mc).divide(TWO, mc);
            case COSH:
                return exp(x).add(exp(x.negate()), mc).divide(TWO, mc);
            case TANH: {
                BigDecimal a = exp(x);
                BigDecimal b = exp(x.negate());
                return a.subtract(b, mc).divide(a.add(b, mc), mc);
            }
            case ABS:
                return x.abs();
            default:
                // floor and ceil jump at integers, where a value computed to n digits may sit on either side
                throw new Unsupported();
        }
    }

    private BigDecimal nonZeroDivide(BigDecimal numerator, BigDecimal denominator) {
        if (denominator.abs().compareTo(epsilon) <= 0) {
            throw new Unsupported();
        }
        return numerator.divide(denominator, mc);
    }

    private BigDecimal exp(BigDecimal x) {
        if (x.abs().compareTo(BigDecimal.valueOf(MAX_EXP_ARGUMENT)) > 0) {
            throw new Unsupported();
        }
        // e^x = 2^n e^r with |r| ≤ ln2/2
        MathContext wide = new MathContext(mc.getPrecision() + 10, RoundingMode.HALF_EVEN);
        BigInteger n = x.divide(LN2, wide).setScale(0, RoundingMode.HALF_EVEN).toBigInteger();
        BigDecimal r = x.subtract(LN2.multiply(new BigDecimal(n)), wide);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int k = 1; term.abs().compareTo(epsilon) > 0; k++) {
            term = term.multiply(r, wide).divide(BigDecimal.valueOf(k), wide);
            sum = sum.add(term, wide);
        }
        BigDecimal scale = TWO.pow(n.abs().intValueExact(), wide);
        return (n.signum() >= 0 ? sum.multiply(scale, mc) : sum.divide(scale, mc));
    }

    private BigDecimal ln(BigDecimal x) {
        if (x.signum() <= 0) {
            throw new Unsupported();
        }
        // x = y·10^k with y in [1, 10), then y = m·2^j with m in [0.75, 1.5): ln m by the atanh series
        int k = x.precision() - x.scale() - 1;
        BigDecimal y = x.movePointLeft(k);
        int j = 0;
        BigDecimal m = y;
        while (m.compareTo(BigDecimal.valueOf(1.5)) >= 0) {
            m = m.divide(TWO, mc);
            j++;
        }
        while (m.compareTo(BigDecimal.valueOf(0.75)) < 0) {
            m = m.multiply(TWO, mc);
            j--;
        }
        BigDecimal z = m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), mc);
        return atanhSeries(z, mc).multiply(TWO, mc).add(LN2.multiply(BigDecimal.valueOf(j)), mc)
                .add(LN10.multiply(BigDecimal.valueOf(k)), mc);
    }

    private BigDecimal sin(BigDecimal x) {
        BigDecimal r = reduced(x);
        BigDecimal sum = r;
        BigDecimal term = r;
        BigDecimal square = r.multiply(r, mc);
        for (int k = 1; term.abs().compareTo(epsilon) > 0; k++) {
            term = term.multiply(square, mc).divide(BigDecimal.valueOf((2L * k) * (2L * k + 1)), mc).negate();
            sum = sum.add(term, mc);
        }
        return sum;
    }

    private BigDecimal cos(BigDecimal x) {
        BigDecimal r = reduced(x);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal square = r.multiply(r, mc);
        for (int k = 1; term.abs().compareTo(epsilon) > 0; k++) {
            term = term.multiply(square, mc).divide(BigDecimal.valueOf((2L * k - 1) * (2L * k)), mc).negate();
            sum = sum.add(term, mc);
        }
        return sum;
    }

    /** x − 2πn in [−π, π]; arguments beyond 10^30 are refused (the reduction would need their every digit). */
    private BigDecimal reduced(BigDecimal x) {
        if (x.abs().compareTo(BigDecimal.ONE.movePointRight(30)) > 0) {
            throw new Unsupported();
        }
        MathContext wide = new MathContext(mc.getPrecision() + 32, RoundingMode.HALF_EVEN);
        BigDecimal twoPi = PI.multiply(TWO, wide);
        BigDecimal n = x.divide(twoPi, wide).setScale(0, RoundingMode.HALF_EVEN);
        return x.subtract(twoPi.multiply(n, wide), wide).round(mc);
    }

    private BigDecimal atan(BigDecimal x) {
        if (x.abs().compareTo(BigDecimal.ONE) > 0) {
            BigDecimal halfPi = PI.divide(TWO, mc);
            BigDecimal inner = atan(BigDecimal.ONE.divide(x, mc));
            return x.signum() > 0 ? halfPi.subtract(inner, mc) : halfPi.negate().subtract(inner, mc);
        }
        // atan x = 2 atan(x / (1 + √(1 + x²))), twice: |x| ≤ 0.2 for the series
        BigDecimal y = x;
        for (int i = 0; i < 2; i++) {
            y = y.divide(BigDecimal.ONE.add(BigDecimal.ONE.add(y.multiply(y, mc), mc).sqrt(mc), mc), mc);
        }
        return atanSeries(y, mc).multiply(BigDecimal.valueOf(4), mc);
    }

    private BigDecimal asin(BigDecimal x) {
        int toOne = x.abs().compareTo(BigDecimal.ONE);
        if (toOne > 0) {
            throw new Unsupported();
        }
        if (toOne == 0) {
            return PI.divide(TWO, mc).multiply(BigDecimal.valueOf(x.signum()));
        }
        return atan(x.divide(BigDecimal.ONE.subtract(x.multiply(x, mc), mc).sqrt(mc), mc));
    }

    /** z − z³/3 + z⁵/5 − …, for |z| well below 1. */
    private static BigDecimal atanSeries(BigDecimal z, MathContext mc) {
        return oddPowerSeries(z, mc, true);
    }

    /** z + z³/3 + z⁵/5 + …, for |z| well below 1. */
    private static BigDecimal atanhSeries(BigDecimal z, MathContext mc) {
        return oddPowerSeries(z, mc, false);
    }

    private static BigDecimal oddPowerSeries(BigDecimal z, MathContext mc, boolean alternating) {
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 2);
        BigDecimal square = z.multiply(z, mc);
        BigDecimal power = z;
        BigDecimal sum = z;
        for (int k = 1; ; k++) {
            power = power.multiply(square, mc);
            if (alternating) {
                power = power.negate();
            }
            BigDecimal term = power.divide(BigDecimal.valueOf(2L * k + 1), mc);
            if (term.abs().compareTo(epsilon) <= 0) {
                return sum;
            }
            sum = sum.add(term, mc);
        }
    }
}

package dev.rewards.math.internal;

import java.util.Map;

/**
 * Evaluates an expression in complex doubles at given values of its variables. π, e and i are constants; degrees are
 * not converted here (see {@link Equivalence}). Non-finite results mean "no information", never equality.
 */
public final class Numeric {

    private Numeric() {
    }

    public static Complex eval(Node node, Map<String, Complex> variables) {
        if (node instanceof Node.Num num) {
            return Complex.real(new java.math.BigDecimal(num.numerator())
                    .divide(new java.math.BigDecimal(num.denominator()), java.math.MathContext.DECIMAL64).doubleValue());
        }
        if (node instanceof Node.Sym sym) {
            switch (sym.name()) {
                case "pi":
                    return Complex.real(Math.PI);
                case "e":
                    return Complex.real(Math.E);
                case "i":
                    return Complex.I;
                case "inf":
                    return Complex.real(Double.POSITIVE_INFINITY);
                default:
                    Complex value = variables.get(sym.name());
                    if (value == null) {
                        throw new IllegalStateException("unbound variable " + sym.name());
                    }
                    return value;
            }
        }
        if (node instanceof Node.Neg neg) {
            return eval(neg.value(), variables).negate();
        }
        if (node instanceof Node.Add add) {
            Complex sum = Complex.ZERO;
            for (Node term : add.terms()) {
                sum = sum.add(eval(term, variables));
            }
            return sum;
        }
        if (node instanceof Node.Mul mul) {
            Complex product = Complex.ONE;
            for (Node factor : mul.factors()) {
                product = product.multiply(eval(factor, variables));
            }
            return product;
        }
        if (node instanceof Node.Pow pow) {
            Complex base = eval(pow.base(), variables);
            Complex exponent = eval(pow.exponent(), variables);
            if (exponent.isReal() && exponent.re() == -1) {
                return Complex.ONE.divide(base);
            }
            return realOddRoot(base, exponent, pow.exponent()) != null
                    ? realOddRoot(base, exponent, pow.exponent()) : base.pow(exponent);
        }
        Node.Fn fn = (Node.Fn) node;
        Complex a = eval(fn.args().get(0), variables);
        switch (fn.func()) {
            case SQRT:
                return a.sqrt();
            case ROOT: {
                Complex n = eval(fn.args().get(1), variables);
                if (a.isReal() && a.re() < 0 && n.isReal() && n.re() % 2 == 1) {
                    return Complex.real(-Math.pow(-a.re(), 1 / n.re()));
                }
                return a.pow(Complex.ONE.divide(n));
            }
            case SIN:
                return a.sin();
            case COS:
                return a.cos();
            case TAN:
                return a.sin().divide(a.cos());
            case COT:
                return a.cos().divide(a.sin());
            case SEC:
                return Complex.ONE.divide(a.cos());
            case CSC:
                return Complex.ONE.divide(a.sin());
            case ARCSIN:
                return realOnly(a, Math.asin(a.re()));
            case ARCCOS:
                return realOnly(a, Math.acos(a.re()));
            case ARCTAN:
                return realOnly(a, Math.atan(a.re()));
            case SINH:
                return realOnly(a, Math.sinh(a.re()));
            case COSH:
                return realOnly(a, Math.cosh(a.re()));
            case TANH:
                return realOnly(a, Math.tanh(a.re()));
            case LN:
                return a.log();
            case LOG10:
                return a.log().divide(Complex.real(Math.log(10)));
            case LOGB:
                return a.log().divide(eval(fn.args().get(1), variables).log());
            case EXP:
                return a.exp();
            case ABS:
                return Complex.real(a.abs());
            case FLOOR:
                return realOnly(a, Math.floor(a.re()));
            case CEIL:
                return realOnly(a, Math.ceil(a.re()));
            case FACTORIAL:
                return realOnly(a, factorial(a.re()));
            case BINOM: {
                Complex k = eval(fn.args().get(1), variables);
                if (k.isReal() && k.re() == Math.rint(k.re()) && k.re() >= 0 && k.re() <= 170) {
                    // n(n−1)…(n−k+1)/k!: a polynomial in n, right for every n (Γ's logarithm loses the sign
                    // for negative arguments)
                    Complex product = Complex.ONE;
                    for (int j = 0; j < (int) k.re(); j++) {
                        product = product.multiply(a.add(Complex.real(-j))).divide(Complex.real(j + 1));
                    }
                    return product;
                }
                return realOnly(a, gamma(a.re() + 1) / (gamma(k.re() + 1) * gamma(a.re() - k.re() + 1)));
            }
            case PLUS_MINUS:
            case MINUS_PLUS:
                throw new IllegalStateException("± inside an expression");
            default:
                throw new IllegalStateException("no value for " + fn.func().printed());
        }
    }

    /** x^(1/3) of a negative real is the real cube root, as a student means it. */
    private static Complex realOddRoot(Complex base, Complex exponent, Node exponentNode) {
        if (!base.isReal() || base.re() >= 0 || !exponent.isReal()) {
            return null;
        }
        Exact.Rational e = Exact.eval(exponentNode);
        if (e == null || e.den().bitLength() > 16 || !e.den().testBit(0)) {
            return null;
        }
        double magnitude = Math.pow(-base.re(), exponent.re());
        return Complex.real(e.num().testBit(0) ? -magnitude : magnitude);
    }

    private static Complex realOnly(Complex a, double value) {
        if (!a.isReal()) {
            throw new IllegalStateException("complex argument");
        }
        return Complex.real(value);
    }

    /**
     * n! for an integer n ≥ 0; Γ(n + 1) between the integers, so that d!/(d − k)! can be compared with a binomial at
     * the (non-integer) sample points. Two expressions equal there are equal at the integers too.
     */
    private static double factorial(double n) {
        if (n != Math.rint(n)) {
            return gamma(n + 1);
        }
        if (n < 0) {
            return Double.NaN;
        }
        if (n > 170) {
            return Double.POSITIVE_INFINITY;
        }
        double result = 1;
        for (int i = 2; i <= n; i++) {
            result *= i;
        }
        return result;
    }

    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
            771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};

    /** Γ(x) by Lanczos (g = 7, about 15 digits), with the reflection formula below 1/2; NaN at the poles. */
    static double gamma(double x) {
        if (x <= 0 && x == Math.rint(x)) {
            return Double.NaN;
        }
        if (x < 0.5) {
            return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
        }
        double shifted = x - 1;
        double series = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            series += LANCZOS[i] / (shifted + i);
        }
        double t = shifted + 7.5;
        return Math.sqrt(2 * Math.PI) * Math.pow(t, shifted + 0.5) * Math.exp(-t) * series;
    }

}

package dev.rewards.math.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The numeric decision. Constants are compared at high precision ({@link Precise}): a decimal answer must equal the
 * gold rounded to its own places with enough significant digits, a gold written as a rounded decimal accepts an
 * answer that rounds to it, and any other pair is equal only when the difference vanishes at 40 digits and
 * shrinks further at 80 (a true difference, however tiny, keeps its digits). Where that evaluator has no value
 * (complex numbers, infinity) and for expressions at sample points, complex doubles compare to 10 digits; a value
 * that doubles cannot tell from zero is left to the symbolic decision. The same pair always gets the same verdict.
 */
final class NumericComparison {

    /** How a pair of constants compares at high precision. */
    enum Verdict { EQUAL, UNEQUAL, UNDECIDED, NO_VALUE }

    private static final double EXACT_REL_TOL = 1e-10;
    private static final int SAMPLE_POINTS = 4;
    private static final int POINTS = 40;
    private static final int MINIMUM_AGREEING = 6;
    private static final int PRECISE_POINTS = 2;
    private static final int MAX_KINKS = 12;
    private static final double[] MAGNITUDES = {0.0137, 0.3183, 0.7071, 1.2716, 1.9319, 2.4621, 3.7913, 7.389, 13.171,
        41.367, 257.79, 3917.3};
    private static final double[] KINK_OFFSETS = {0.0173, 0.613};
    private static final int LOW_DIGITS = 40;
    private static final int HIGH_DIGITS = 80;
    private static final java.math.BigDecimal SHRINK = java.math.BigDecimal.ONE.movePointLeft(20);
    private static final java.math.BigDecimal STABLE = java.math.BigDecimal.ONE.movePointLeft(6);
    private static final java.math.BigDecimal RESIDUAL = java.math.BigDecimal.ONE.movePointLeft(HIGH_DIGITS - 10);

    private final int minimumDigits;

    NumericComparison(Equivalence.Settings settings) {
        this.minimumDigits = ExactComparison.minimumDigits(settings.floatRelTol());
    }

    /** Two constants, not both rational, at high precision. */
    Verdict constants(Node gold, Node answer) {
        try {
            Verdict zero = preciseDifference(gold, answer);
            if (zero == Verdict.EQUAL && (hasInvisibleTerm(gold) || hasInvisibleTerm(answer))) {
                // 1 + e^{-1000} agrees with 1 at any precision we compute: agreement proves nothing here
                return Verdict.UNDECIDED;
            }
            if (zero != Verdict.UNEQUAL) {
                return zero;
            }
            Written writtenAnswer = Written.of(answer);
            if (writtenAnswer != null) {
                return roundsTo(gold, writtenAnswer, minimumDigits) ? Verdict.EQUAL : Verdict.UNEQUAL;
            }
            Written writtenGold = Written.of(gold);
            if (writtenGold != null) {
                return roundsTo(answer, writtenGold, ExactComparison.GOLD_ROUNDING_DIGITS) ? Verdict.EQUAL : Verdict.UNEQUAL;
            }
            return Verdict.UNEQUAL;
        } catch (Precise.Unsupported | ArithmeticException e) {
            return Verdict.NO_VALUE;
        }
    }

    private static boolean roundsTo(Node exact, Written written, int digits) {
        if (written.significant() < digits) {
            return false;
        }
        java.math.MathContext mc = new java.math.MathContext(written.significant() + 30);
        java.math.BigDecimal value;
        try {
            value = Precise.eval(exact, Math.max(HIGH_DIGITS, written.significant() + 30));
        } catch (Precise.Unsupported notReal) {
            // a written decimal is real: a value without a real one (1 + 10^{-20} i) is not what it rounds
            return false;
        }
        return value.subtract(written.value().toBigDecimal(mc), mc).abs()
                .compareTo(written.halfUnit().toBigDecimal(mc)) <= 0;
    }

    /**
     * EQUAL when gold − answer vanishes at 40 digits and shrinks by at least 20 more orders at 80 (rounding residue),
     * UNEQUAL when it keeps its leading digits (a real difference, e^{-40} included), UNDECIDED otherwise.
     */
    private static Verdict differenceVanishes(Node gold, Node answer) {
        java.math.BigDecimal lowGold = Precise.eval(gold, LOW_DIGITS);
        java.math.BigDecimal lowAnswer = Precise.eval(answer, LOW_DIGITS);
        java.math.BigDecimal highGold = Precise.eval(gold, HIGH_DIGITS);
        java.math.BigDecimal highAnswer = Precise.eval(answer, HIGH_DIGITS);
        return vanishes(lowGold, lowAnswer, highGold, highAnswer, highGold.abs().max(highAnswer.abs()));
    }

    /**
     * {@link #differenceVanishes} where a side has no real value: the real and imaginary parts each, so 1 + 10^{-20} i
     * is not 1 (doubles see no difference) and e^{iπ} is −1; still {@link Precise.Unsupported} for what the complex
     * evaluator cannot compute either.
     */
    private static Verdict preciseDifference(Node gold, Node answer) {
        try {
            return differenceVanishes(gold, answer);
        } catch (Precise.Unsupported notReal) {
            java.math.BigDecimal[] lowGold = Precise.evalComplex(gold, LOW_DIGITS);
            java.math.BigDecimal[] lowAnswer = Precise.evalComplex(answer, LOW_DIGITS);
            java.math.BigDecimal[] highGold = Precise.evalComplex(gold, HIGH_DIGITS);
            java.math.BigDecimal[] highAnswer = Precise.evalComplex(answer, HIGH_DIGITS);
            java.math.BigDecimal scale = highGold[0].abs().max(highGold[1].abs())
                    .max(highAnswer[0].abs()).max(highAnswer[1].abs());
            Verdict re = vanishes(lowGold[0], lowAnswer[0], highGold[0], highAnswer[0], scale);
            Verdict im = vanishes(lowGold[1], lowAnswer[1], highGold[1], highAnswer[1], scale);
            if (re == Verdict.UNEQUAL || im == Verdict.UNEQUAL) {
                return Verdict.UNEQUAL;
            }
            return re == Verdict.EQUAL && im == Verdict.EQUAL ? Verdict.EQUAL : Verdict.UNDECIDED;
        }
    }

    private static Verdict vanishes(java.math.BigDecimal lowGold, java.math.BigDecimal lowAnswer,
                                    java.math.BigDecimal highGold, java.math.BigDecimal highAnswer,
                                    java.math.BigDecimal scale) {
        java.math.BigDecimal low = lowGold.subtract(lowAnswer).abs();
        java.math.BigDecimal high = highGold.subtract(highAnswer).abs();
        if (high.signum() == 0 || high.compareTo(low.multiply(SHRINK)) <= 0) {
            return low.signum() == 0 && high.signum() != 0 ? Verdict.UNEQUAL : Verdict.EQUAL;
        }
        if (low.signum() == 0) {
            return high.compareTo(scale.multiply(RESIDUAL)) <= 0 ? Verdict.EQUAL : Verdict.UNEQUAL;
        }
        return high.subtract(low).abs().compareTo(high.multiply(STABLE)) <= 0 ? Verdict.UNEQUAL : Verdict.UNDECIDED;
    }

    /** True/false when both values are ordinary finite numbers; null when doubles carry no information. */
    Boolean equal(Node gold, Node answer, Map<String, Complex> point) {
        Complex g;
        Complex a;
        try {
            g = Numeric.eval(gold, point);
            a = Numeric.eval(answer, point);
        } catch (RuntimeException e) {
            return null;
        }
        if (!g.isFinite() || !a.isFinite()) {
            if (Double.isInfinite(g.re()) && Double.isInfinite(a.re()) && g.im() == 0 && a.im() == 0
                    && Nodes.isInfinitySymbol(gold) && Nodes.isInfinitySymbol(answer)) {
                return Math.signum(g.re()) == Math.signum(a.re());
            }
            // a finite value against an undefined one (10/0) differs; two non-finite values tell nothing
            return g.isFinite() != a.isFinite() && !Nodes.isInfinitySymbol(gold) && !Nodes.isInfinitySymbol(answer)
                    ? false : null;
        }
        return closeEnough(g, a);
    }

    /**
     * Expressions compared at deterministic points spread over the whole real line where the gold is real: small
     * and large magnitudes of both signs, and both sides of every number written in either expression (where
     * |x − 3|, √((x−5)²) or max(x, 7) bend). A point where the gold is real and the answer differs, is not real or
     * is undefined rules the answer out; true when enough points agree, null when too few points are in the
     * gold's domain to tell.
     */
    Boolean atPoints(Node gold, Node answer, Set<String> variables, String goldText) {
        List<Double> candidates = candidates(gold, answer);
        Random random = new Random(goldText.hashCode() * 31L + variables.hashCode());
        List<String> names = new ArrayList<>(variables);
        int decided = 0;
        List<Map<String, Complex>> agreeing = new ArrayList<>();
        int points = Math.max(POINTS, candidates.size() * 2);
        for (int p = 0; p < points; p++) {
            Map<String, Complex> point = new HashMap<>();
            for (int k = 0; k < names.size(); k++) {
                // the first variable walks through every candidate; the others are drawn at random
                int index = k == 0 ? p % candidates.size() : random.nextInt(candidates.size());
                point.put(names.get(k), Complex.real(candidates.get(index)));
            }
            Complex g = realValue(gold, point);
            if (g == null) {
                continue;
            }
            Complex a = realValue(answer, point);
            if (a == null) {
                return false;
            }
            Boolean equal = closeEnough(g, a);
            if (equal == null) {
                continue;
            }
            if (!equal) {
                return false;
            }
            if (agreeing.size() < PRECISE_POINTS) {
                agreeing.add(point);
            }
            decided++;
        }
        if (decided < MINIMUM_AGREEING) {
            return null;
        }
        return !differsBeyondDoubles(gold, answer, agreeing);
    }

    /**
     * Doubles agree to 10 digits, which e^x and e^x + 10^{-20} also do: at a few of the agreeing points the
     * difference is taken at 40 and 80 digits, and one that keeps its digits is a difference.
     */
    private static boolean differsBeyondDoubles(Node gold, Node answer, List<Map<String, Complex>> points) {
        for (Map<String, Complex> point : points) {
            Map<String, Node> exact = new HashMap<>();
            point.forEach((name, value) -> exact.put(name, exactNumber(java.math.BigDecimal.valueOf(value.re()))));
            try {
                Node g = Nodes.substitute(gold, exact);
                Node a = Nodes.substitute(answer, exact);
                Verdict verdict = preciseDifference(g, a);
                if (verdict == Verdict.UNEQUAL || verdict == Verdict.EQUAL && (hasInvisibleTerm(g) || hasInvisibleTerm(a))) {
                    return true;
                }
            } catch (Precise.Unsupported | ArithmeticException noPreciseValue) {
                // doubles are all there is at this point
            }
        }
        return false;
    }

    /** Relative size below which a term is lost in the 80-digit arithmetic. */
    private static final java.math.BigDecimal INVISIBLE = java.math.BigDecimal.ONE.movePointLeft(HIGH_DIGITS - 10);

    /**
     * A sum with a nonzero term too small, next to the others, to show in {@link #HIGH_DIGITS}-digit arithmetic
     * (x + e^{-1000}): an agreement at that precision says nothing about such a term.
     */
    private static boolean hasInvisibleTerm(Node node) {
        return Nodes.anyMatch(node, n -> {
            if (!(n instanceof Node.Add add) || !Nodes.variables(add).isEmpty()) {
                return false;
            }
            try {
                java.math.BigDecimal largest = java.math.BigDecimal.ZERO;
                java.math.BigDecimal smallest = null;
                for (Node term : add.terms()) {
                    java.math.BigDecimal size = Precise.eval(term, 20).abs();
                    largest = largest.max(size);
                    if (size.signum() != 0 && (smallest == null || size.compareTo(smallest) < 0)) {
                        smallest = size;
                    }
                }
                return smallest != null && smallest.compareTo(largest.multiply(INVISIBLE)) < 0;
            } catch (Precise.Unsupported | ArithmeticException noRealValue) {
                return false;
            }
        });
    }

    private static Node exactNumber(java.math.BigDecimal value) {
        java.math.BigInteger unscaled = value.unscaledValue();
        return value.scale() >= 0
                ? new Node.Num(unscaled, java.math.BigInteger.TEN.pow(value.scale()), false, 0)
                : new Node.Num(unscaled.multiply(java.math.BigInteger.TEN.pow(-value.scale())), java.math.BigInteger.ONE, false, 0);
    }

    /** The value at the point when it is a finite real number (up to rounding), else null. */
    private static Complex realValue(Node node, Map<String, Complex> point) {
        try {
            Complex value = Numeric.eval(node, point);
            return isOrdinaryReal(value) ? Complex.real(value.re()) : null;
        } catch (RuntimeException outsideTheDomain) {
            return null;
        }
    }

    /**
     * Values for each variable: fixed magnitudes from 0.01 to 10^4 of both signs (with fractional parts no formula
     * is likely to single out), and for every number c written in the expressions, points just beside c and −c.
     */
    private static List<Double> candidates(Node gold, Node answer) {
        List<Double> values = new ArrayList<>();
        for (double magnitude : MAGNITUDES) {
            values.add(magnitude);
            values.add(-magnitude);
        }
        Set<Double> constants = new TreeSet<>();
        for (Node side : List.of(gold, answer)) {
            Nodes.anyMatch(side, n -> {
                if (n instanceof Node.Num num && constants.size() < MAX_KINKS) {
                    double c = Numeric.eval(num, Map.of()).re();
                    if (Double.isFinite(c) && Math.abs(c) < 1e6) {
                        constants.add(Math.abs(c));
                    }
                }
                return false;
            });
        }
        boolean steps = Nodes.anyMatch(gold, NumericComparison::isStep) || Nodes.anyMatch(answer, NumericComparison::isStep);
        if (steps) {
            // ⌊x⌋ and ⌈x⌉ − 1 agree everywhere but at the integers: the jumps themselves are points too
            for (int k = -12; k <= 12; k++) {
                values.add(k / 2.0);
            }
            for (double c : constants) {
                values.add(c);
                values.add(-c);
            }
        }
        for (double c : constants) {
            for (double offset : KINK_OFFSETS) {
                values.add(c + offset);
                values.add(c - offset);
                values.add(-c + offset);
                values.add(-c - offset);
            }
        }
        return values;
    }

    private static boolean isStep(Node node) {
        return node instanceof Node.Fn fn && (fn.func() == Func.FLOOR || fn.func() == Func.CEIL);
    }

    /** g = c·a for one constant c ≠ 0 (c > 0 for inequalities), tested at random points. */
    boolean proportional(Node gold, Node answer, boolean positive) {
        Set<String> vars = new TreeSet<>(Nodes.variables(gold));
        vars.addAll(Nodes.variables(answer));
        Random random = new Random(Printer.print(gold).hashCode());
        Double ratio = null;
        int decided = 0;
        for (int attempt = 0; attempt < 12 && decided < SAMPLE_POINTS; attempt++) {
            Map<String, Complex> point = new HashMap<>();
            for (String v : vars) {
                point.put(v, Complex.real(0.3 + 2.2 * random.nextDouble()));
            }
            try {
                Complex g = Numeric.eval(gold, point);
                Complex a = Numeric.eval(answer, point);
                if (!g.isFinite() || !a.isFinite() || a.abs() < 1e-12 || !g.isReal() || !a.isReal()) {
                    if (g.abs() < 1e-12 && a.abs() < 1e-12) {
                        decided++;
                    }
                    continue;
                }
                double r = g.re() / a.re();
                if (ratio == null) {
                    ratio = r;
                } else if (Math.abs(r - ratio) > 1e-9 * Math.max(1, Math.abs(ratio))) {
                    return false;
                }
                decided++;
            } catch (RuntimeException e) {
                // point outside the domain: try another
            }
        }
        return decided == SAMPLE_POINTS && ratio != null && ratio != 0 && (!positive || ratio > 0);
    }

    private static boolean isOrdinaryReal(Complex value) {
        return value.isFinite() && Math.abs(value.im()) <= 1e-12 * Math.max(1, Math.abs(value.re()));
    }

    /**
     * Equality of two finite values to 10 digits; null when doubles cannot tell: a magnitude out of their depth, or
     * zero against a value below 10^-9 (e^{-40} and the rounding residue of sin π look alike) — no absolute floor.
     */
    private static Boolean closeEnough(Complex g, Complex a) {
        double scale = Math.max(g.abs(), a.abs());
        if (scale > 1e250 || (scale < 1e-250 && scale != 0)) {
            return null;
        }
        if ((g.abs() == 0 || a.abs() == 0) && scale != 0 && scale < 1e-9) {
            return null;
        }
        double difference = new Complex(g.re() - a.re(), g.im() - a.im()).abs();
        return difference <= EXACT_REL_TOL * scale;
    }
}

package dev.rewards.math.internal;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The exact decision, for values that are both rational: equal as fractions, however large. A decimal literal is the
 * rational its digits spell (1000000.0 is 1000000, not "about a million"), so tolerance enters only where one side
 * cannot be written exactly in decimals: a decimal answer against a gold such as 1/3 must carry enough significant
 * digits and equal the gold rounded to its own places; a gold written as a rounded decimal (30.52) accepts an exact
 * answer whose decimals do not terminate (1587/52) when it rounds to the gold at the gold's places and the gold shows
 * at least three significant digits.
 */
final class ExactComparison {

    private static final int RATIONAL_POINTS = 6;

    /**
     * Significant digits a gold must show to be read as a rounding: 0.5 or 0.33 are as likely exact values as
     * roundings, and two digits leave a window of a percent that near misses fall into; 30.52 or 7.78 are roundings.
     */
    static final int GOLD_ROUNDING_DIGITS = 3;

    private final int minimumDigits;

    ExactComparison(Equivalence.Settings settings) {
        this.minimumDigits = minimumDigits(settings.floatRelTol());
    }

    /**
     * The significant digits a rounded decimal must carry: 6 for the default tolerance 10^-6, n for 10^-n, none
     * accepted for 0.
     */
    static int minimumDigits(double floatRelTol) {
        return floatRelTol <= 0 ? Integer.MAX_VALUE : Math.max(1, (int) Math.ceil(-Math.log10(floatRelTol) - 1e-9));
    }

    /** True/false when both values are rational; null when one is not (π, √2) and another decision must be made. */
    Boolean equal(Node gold, Node answer, Trace trace) {
        try {
            Exact.Rational g = Exact.eval(gold);
            Exact.Rational a = Exact.eval(answer);
            if (g == null || a == null) {
                return null;
            }
            if (g.equals(a)) {
                return true;
            }
            Written writtenAnswer = Written.of(answer);
            if (writtenAnswer != null && !Written.terminates(g)) {
                return roundsTo(g, writtenAnswer, minimumDigits);
            }
            Written writtenGold = Written.of(gold);
            if (writtenGold != null && writtenAnswer == null && !Written.terminates(a)) {
                return roundsTo(a, writtenGold, GOLD_ROUNDING_DIGITS);
            }
            return false;
        } catch (Exact.TooLarge e) {
            trace.tooCostly();
            return null;
        }
    }

    /**
     * Rational functions (+, −, ×, ÷ and integer powers of variables and rationals) compared exactly at random
     * rational points: a nonzero rational function of degree d vanishes at a random point of a set of N values per
     * coordinate with probability at most d/N (Schwartz–Zippel), so agreement at several points is a proof but for
     * a chance below 10^-20. Null when a side is not such a form or the numbers grow too large.
     */
    Boolean atRationalPoints(Node gold, Node answer, Set<String> variables, long seed) {
        if (!isRationalForm(gold) || !isRationalForm(answer)) {
            return null;
        }
        Random random = new Random(seed);
        int decided = 0;
        try {
            for (int attempt = 0; attempt < RATIONAL_POINTS * 2 && decided < RATIONAL_POINTS; attempt++) {
                Map<String, Node> point = new HashMap<>();
                for (String variable : variables) {
                    long numerator = random.nextInt(2_000_001) - 1_000_000L;
                    long denominator = 1 + random.nextInt(997);
                    point.put(variable, new Node.Num(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator),
                            false, 0));
                }
                Exact.Rational g = Exact.eval(Nodes.substitute(gold, point));
                Exact.Rational a = Exact.eval(Nodes.substitute(answer, point));
                if (g == null || a == null) {
                    continue;
                }
                if (!g.equals(a)) {
                    return false;
                }
                decided++;
            }
        } catch (Exact.TooLarge e) {
            return null;
        }
        return decided == RATIONAL_POINTS ? true : null;
    }

    private static boolean isRationalForm(Node node) {
        return !Nodes.anyMatch(node, n -> n instanceof Node.Fn
                || n instanceof Node.Sym sym && Nodes.CONSTANTS.contains(sym.name())
                || n instanceof Node.Pow pow && !isSmallInteger(pow.exponent()));
    }

    private static boolean isSmallInteger(Node node) {
        if (!Nodes.variables(node).isEmpty()) {
            return false;
        }
        Exact.Rational value = Exact.eval(node);
        return value != null && value.den().equals(BigInteger.ONE) && value.num().bitLength() <= 10;
    }


    /** The written decimal is {@code value} rounded to its places, with at least {@code digits} significant digits. */
    static boolean roundsTo(Exact.Rational value, Written written, int digits) {
        return written.significant() >= digits
                && value.subtract(written.value()).abs().compareTo(written.halfUnit()) <= 0;
    }
}

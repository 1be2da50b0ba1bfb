package dev.rewards.math.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The numeric decision: values compared in complex doubles, within the relative tolerance when a decimal literal is
 * involved and to double precision otherwise; expressions with variables at deterministic sample points (the same
 * pair always gets the same verdict).
 */
final class NumericComparison {

    private static final double EXACT_REL_TOL = 1e-10;
    private static final int SAMPLE_POINTS = 4;

    private final Equivalence.Settings settings;

    NumericComparison(Equivalence.Settings settings) {
        this.settings = settings;
    }

    /** True/false when both values are ordinary finite numbers; null when doubles carry no information. */
    Boolean equal(Node gold, Node answer, Map<String, Complex> point, boolean approximate) {
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
            return null;
        }
        return closeEnough(g, a, approximate);
    }

    /**
     * Expressions compared at sample points: false at the first point where they differ, true when enough points
     * agree, null when too few points are in both domains to tell.
     */
    Boolean atPoints(Node gold, Node answer, Set<String> variables, String goldText, boolean approximate) {
        Random random = new Random(goldText.hashCode() * 31L + variables.hashCode());
        int decided = 0;
        for (int attempt = 0; attempt < SAMPLE_POINTS * 3 && decided < SAMPLE_POINTS; attempt++) {
            Map<String, Complex> point = new HashMap<>();
            for (String variable : variables) {
                point.put(variable, Complex.real(0.3 + 2.2 * random.nextDouble()));
            }
            Boolean equal = equal(gold, answer, point, approximate);
            if (equal == null) {
                continue;
            }
            if (!equal) {
                return false;
            }
            decided++;
        }
        if (decided < SAMPLE_POINTS) {
            return null;
        }
        return !differOnNegatives(gold, answer, variables, random, approximate);
    }

    /**
     * Positive sample points cannot tell |x| from x or √(x²) from x. Points with negative coordinates can, but there
     * ln x or √x leave the reals, and textbook identities such as √(x/y) = √x/√y hold only where both sides are real:
     * so only a point where both sides are real and differ counts, and it rules the answer out.
     */
    private boolean differOnNegatives(Node gold, Node answer, Set<String> variables, Random random,
                                      boolean approximate) {
        List<String> names = new ArrayList<>(variables);
        for (int attempt = 0; attempt < SAMPLE_POINTS; attempt++) {
            Map<String, Complex> point = new HashMap<>();
            int negative = random.nextInt(names.size());
            for (int k = 0; k < names.size(); k++) {
                double magnitude = 0.3 + 2.2 * random.nextDouble();
                boolean negate = k == negative || (attempt % 2 == 1 && random.nextBoolean());
                point.put(names.get(k), Complex.real(negate ? -magnitude : magnitude));
            }
            try {
                Complex g = Numeric.eval(gold, point);
                Complex a = Numeric.eval(answer, point);
                if (isOrdinaryReal(g) && isOrdinaryReal(a) && Boolean.FALSE.equals(closeEnough(g, a, approximate))) {
                    return true;
                }
            } catch (RuntimeException outsideTheDomain) {
                // a point where a side is undefined tells nothing
            }
        }
        return false;
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

    /** Equality of two finite values within the tolerance; null when their magnitude puts doubles out of their depth. */
    private Boolean closeEnough(Complex g, Complex a, boolean approximate) {
        double scale = Math.max(g.abs(), a.abs());
        if (scale > 1e250 || (scale < 1e-250 && scale != 0)) {
            return null;
        }
        double difference = new Complex(g.re() - a.re(), g.im() - a.im()).abs();
        double tolerance = approximate ? settings.floatRelTol() : EXACT_REL_TOL;
        return difference <= tolerance * scale || difference < 1e-14;
    }
}

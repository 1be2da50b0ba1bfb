package dev.rewards.math.internal;

/** The exact decision: values that are rational compare as fractions, however large. */
final class ExactComparison {

    private final Equivalence.Settings settings;

    ExactComparison(Equivalence.Settings settings) {
        this.settings = settings;
    }

    /** True/false when both values are rational; null when one is not (π, √2) and another decision must be made. */
    Boolean equal(Node gold, Node answer, boolean approximate, Trace trace) {
        try {
            Exact.Rational g = Exact.eval(gold);
            Exact.Rational a = Exact.eval(answer);
            if (g == null || a == null) {
                return null;
            }
            if (!approximate) {
                return g.equals(a);
            }
            double gd = g.toDouble();
            double ad = a.toDouble();
            return Math.abs(gd - ad) <= settings.floatRelTol() * Math.max(Math.abs(gd), Math.abs(ad))
                    || (gd == 0 && ad == 0);
        } catch (Exact.TooLarge e) {
            trace.tooCostly();
            return null;
        }
    }
}

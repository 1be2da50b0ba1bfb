package dev.rewards.math.internal;

/** The symbolic decision: Symja simplifies gold − answer, within the time budget. */
final class SymbolicComparison {

    private final Equivalence.Settings settings;

    SymbolicComparison(Equivalence.Settings settings) {
        this.settings = settings;
    }

    /** True when Symja proves the difference zero; false when it refutes it or cannot decide. */
    boolean equal(Node gold, Node answer, Trace trace) {
        Boolean zero = Symja.isZero(Symja.toSymja(gold) + "-(" + Symja.toSymja(answer) + ")", settings.symjaMillis());
        if (zero == null) {
            return false;
        }
        trace.decidedBy(Method.SYMBOLIC);
        return zero;
    }
}

package dev.rewards.math.internal;

/**
 * Decides whether an answer is mathematically equivalent to the gold: structures shape by shape
 * ({@link Structural}), scalars exactly where their values are rational ({@link ExactComparison}), numerically at a
 * stated precision ({@link NumericComparison}) and symbolically ({@link SymbolicComparison}) otherwise.
 */
public final class Equivalence {

    /** How the comparison is configured (a projection of the request options). */
    public record Settings(double floatRelTol, boolean percentEitherWay, boolean strict, long symjaMillis) {
    }

    /** The outcome: equal or not, how it was decided, and whether deciding was too costly. */
    public record Outcome(boolean equal, Method method, boolean tooCostly) {
    }

    private final Structural structural;

    public Equivalence(Settings settings) {
        NumericComparison numeric = new NumericComparison(settings);
        Scalars scalars = new Scalars(settings, new ExactComparison(settings), numeric, new SymbolicComparison(settings));
        this.structural = new Structural(scalars, numeric);
    }

    public Outcome compare(AnswerParser.Parsed gold, AnswerParser.Parsed answer) {
        Trace trace = new Trace();
        if (Normalizer.unitsDiffer(gold.unit(), answer.unit())) {
            return new Outcome(false, methodOf(gold.answer()), false);
        }
        boolean equal = structural.answers(gold.answer(), answer.answer(), gold, answer, trace);
        Method method = trace.method() == null ? methodOf(gold.answer()) : trace.method();
        return new Outcome(equal, method, !equal && trace.wasTooCostly());
    }

    /** The method reported for a gold of this shape when no comparison took place. */
    public static Method methodOf(Answer answer) {
        return Structural.methodOf(answer);
    }
}

package dev.rewards.math.internal;

/**
 * What one comparison learns besides equal or not: how the top-level verdict was decided, and whether some part was
 * too costly to decide (then "not equal" is reported as a timeout, not as a wrong answer). A nested comparison (an
 * element of a set, a side of a relation) has its own method, which is not reported, but shares the cost flag.
 */
final class Trace {

    private final Trace root;
    private Method method;
    private boolean tooCostly;

    Trace() {
        this.root = this;
    }

    private Trace(Trace root) {
        this.root = root;
    }

    Trace nested() {
        return new Trace(root);
    }

    /** The shape being compared, or a decision that overrides what was assumed (a CAS proof). */
    void decidedBy(Method decided) {
        method = decided;
    }

    /** How a scalar was compared, unless an enclosing shape already says. */
    void comparedAs(Method compared) {
        if (method == null) {
            method = compared;
        }
    }

    Method method() {
        return method;
    }

    void tooCostly() {
        root.tooCostly = true;
    }

    boolean wasTooCostly() {
        return root.tooCostly;
    }
}

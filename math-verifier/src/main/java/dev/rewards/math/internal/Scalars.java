package dev.rewards.math.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides scalars, cheapest decision first: canonical text, then exact rationals ({@link ExactComparison}), then
 * doubles at a stated precision for constants and at sample points for expressions ({@link NumericComparison}), and
 * Symja ({@link SymbolicComparison}) only when those cannot decide.
 */
final class Scalars {

    private static final Set<Func> TRIG = Set.of(Func.SIN, Func.COS, Func.TAN, Func.COT, Func.SEC, Func.CSC);
    private static final Node RADIANS_PER_DEGREE =
            new Node.Mul(List.of(new Node.Sym("pi"), new Node.Pow(Node.integer(180), Node.integer(-1))));

    private final Equivalence.Settings settings;
    private final ExactComparison exact;
    private final NumericComparison numeric;
    private final SymbolicComparison symbolic;

    Scalars(Equivalence.Settings settings, ExactComparison exact, NumericComparison numeric,
            SymbolicComparison symbolic) {
        this.settings = settings;
        this.exact = exact;
        this.numeric = numeric;
        this.symbolic = symbolic;
    }

    /** Scalars as written, with their percent and degree signs (absent for the elements of a structure). */
    boolean withDecorations(Node gold, Node answer, AnswerParser.Parsed goldParsed, AnswerParser.Parsed answerParsed,
                            Trace trace) {
        if (equal(gold, answer, trace)) {
            return true;
        }
        if (goldParsed == null || answerParsed == null) {
            return false;
        }
        boolean percent = goldParsed.percent() != answerParsed.percent();
        if (percent && settings.percentEitherWay()) {
            Node hundredth = Node.integer(100);
            Node scaledAnswer = answerParsed.percent()
                    ? new Node.Mul(List.of(answer, new Node.Pow(hundredth, Node.integer(-1)))) : answer;
            Node scaledGold = goldParsed.percent()
                    ? new Node.Mul(List.of(gold, new Node.Pow(hundredth, Node.integer(-1)))) : gold;
            if (equal(scaledGold, scaledAnswer, trace)) {
                return true;
            }
        }
        if (goldParsed.degrees() || answerParsed.degrees()) {
            // sin(90° − x) = cos x: with a degree sign in play, trigonometric arguments are read in degrees.
            if (equal(trigInDegrees(gold), trigInDegrees(answer), trace)) {
                return true;
            }
        }
        if (goldParsed.degrees() != answerParsed.degrees()) {
            Node g = goldParsed.degrees() ? new Node.Mul(List.of(gold, RADIANS_PER_DEGREE)) : gold;
            Node a = answerParsed.degrees() ? new Node.Mul(List.of(answer, RADIANS_PER_DEGREE)) : answer;
            return equal(g, a, trace);
        }
        return false;
    }

    boolean equal(Node gold, Node answer, Trace trace) {
        String goldText = Printer.print(gold);
        if (goldText.equals(Printer.print(answer))) {
            trace.comparedAs(Method.STRING);
            return true;
        }
        // 2^(2^-1000) is 1 in doubles but not in fact: such expressions get no double or CAS verdict.
        boolean degenerate = isHuge(gold) || isHuge(answer);
        Set<String> goldVars = Nodes.variables(gold);
        Set<String> answerVars = Nodes.variables(answer);
        if (goldVars.isEmpty() && answerVars.isEmpty()) {
            trace.comparedAs(Method.NUMERIC);
            Boolean exactly = exact.equal(gold, answer, trace);
            if (exactly != null) {
                return exactly;
            }
            if (degenerate) {
                trace.tooCostly();
                return false;
            }
            NumericComparison.Verdict precisely = numeric.constants(gold, answer);
            if (precisely == NumericComparison.Verdict.EQUAL || precisely == NumericComparison.Verdict.UNEQUAL) {
                return precisely == NumericComparison.Verdict.EQUAL;
            }
            Boolean numerically = precisely == NumericComparison.Verdict.NO_VALUE
                    ? numeric.equal(gold, answer, Map.of()) : null;
            if (numerically != null) {
                return numerically;
            }
            return symbolic.equal(gold, answer, trace);
        }
        if (goldVars.isEmpty() || answerVars.isEmpty()) {
            Set<String> union = new TreeSet<>(goldVars);
            union.addAll(answerVars);
            goldVars = union;
        } else if (!goldVars.equals(answerVars)) {
            // Renaming (x+1 vs t+1, f(x) vs f(y)) never applies to a bare letter: d is not E.
            boolean renamable = !settings.strict() && goldVars.size() == answerVars.size()
                    && !(gold instanceof Node.Sym) && !(answer instanceof Node.Sym);
            if (!renamable) {
                return false;
            }
            answer = rename(answer, answerVars, goldVars);
        }
        trace.comparedAs(Method.SYMBOLIC);
        if (degenerate) {
            trace.tooCostly();
            return false;
        }
        long seed = goldText.hashCode() * 31L + goldVars.hashCode();
        Boolean proved = exact.atRationalPoints(gold, answer, goldVars, seed);
        if (proved != null) {
            return proved;
        }
        Boolean sampled = numeric.atPoints(gold, answer, goldVars, goldText);
        return sampled != null ? sampled : symbolic.equal(gold, answer, trace);
    }

    /**
     * Exponents or factorials beyond what doubles represent or a CAS evaluates quickly (|exponent| > 10^4 or
     * < 10^-9, huge factorials): such answers are "too costly", not "wrong" and never "right" by rounding.
     */
    private static boolean isHuge(Node node) {
        return Nodes.anyMatch(node, n -> {
            if (n instanceof Node.Pow pow) {
                Complex e = constantValue(pow.exponent());
                return e != null && (!e.isFinite() || e.abs() > 10_000 || (e.abs() < 1e-9 && e.abs() != 0));
            }
            if (n instanceof Node.Fn fn && fn.func() == Func.FACTORIAL) {
                Complex argument = constantValue(fn.arg());
                return argument != null && (!argument.isFinite() || argument.abs() > Exact.MAX_FACTORIAL);
            }
            return false;
        });
    }

    /** The value of a variable-free expression, or null for a symbolic one. */
    private static Complex constantValue(Node node) {
        try {
            return Numeric.eval(node, Map.of());
        } catch (RuntimeException symbolic) {
            return null;
        }
    }

    private static Node trigInDegrees(Node node) {
        return Nodes.map(node, n -> n instanceof Node.Fn fn && TRIG.contains(fn.func())
                ? new Node.Fn(fn.func(), new Node.Mul(List.of(fn.arg(), RADIANS_PER_DEGREE)))
                : n);
    }

    /** Renames the answer's variables onto the gold's, in sorted order (non-strict mode). */
    private static Node rename(Node node, Set<String> from, Set<String> to) {
        Map<String, String> mapping = new HashMap<>();
        List<String> source = new ArrayList<>(from);
        List<String> target = new ArrayList<>(to);
        for (int i = 0; i < source.size(); i++) {
            mapping.put(source.get(i), target.get(i));
        }
        return Nodes.map(node, n -> n instanceof Node.Sym sym
                ? new Node.Sym(mapping.getOrDefault(sym.name(), sym.name())) : n);
    }
}

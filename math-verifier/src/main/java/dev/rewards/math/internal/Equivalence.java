package dev.rewards.math.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether an answer is mathematically equivalent to the gold, shape by shape. Scalars go fast path first:
 * canonical text, exact rationals, doubles (constants) or random points (variables); Symja only when those cannot
 * decide. Decimal literals are approximations and compare within the relative tolerance; everything else exactly.
 */
public final class Equivalence {

    /** How the comparison is configured (a projection of the request options). */
    public record Settings(double floatRelTol, boolean percentEitherWay, boolean strict, long symjaMillis) {
    }

    /** The outcome: equal or not, how it was decided, and whether deciding was too costly. */
    public record Outcome(boolean equal, String method, boolean tooCostly) {
        static Outcome of(boolean equal, String method) {
            return new Outcome(equal, method, false);
        }
    }

    private static final Set<String> CONSTANTS = Set.of("pi", "e", "i", "inf");
    private static final Set<String> TRIG = Set.of("sin", "cos", "tan", "cot", "sec", "csc");
    private static final Node RADIANS_PER_DEGREE =
            new Node.Mul(List.of(new Node.Sym("pi"), new Node.Pow(Node.integer(180), Node.integer(-1))));
    private static final double EXACT_REL_TOL = 1e-10;
    private static final int SAMPLE_POINTS = 4;

    private final Settings settings;
    private boolean tooCostly;

    public Equivalence(Settings settings) {
        this.settings = settings;
    }

    public Outcome compare(AnswerParser.Parsed gold, AnswerParser.Parsed answer) {
        tooCostly = false;
        String[] method = {null};
        boolean equal = answers(gold.answer(), answer.answer(), gold, answer, method);
        return new Outcome(equal, method[0] == null ? methodOf(gold.answer()) : method[0], !equal && tooCostly);
    }

    private boolean answers(Answer gold, Answer answer, AnswerParser.Parsed goldParsed, AnswerParser.Parsed answerParsed,
                            String[] method) {
        if (gold instanceof Answer.Scalar g) {
            if (answer instanceof Answer.Scalar a) {
                return scalarsWithDecorations(g.value(), a.value(), goldParsed, answerParsed, method);
            }
            if (answer instanceof Answer.Relation r && r.operators().stream().allMatch("="::equals)
                    && (isAssignment(r) || variables(last(r)).isEmpty())) {
                // "x = 11" and the worked "5 + 5 + 1 = 11" both end in the value that answers the question.
                return scalarsWithDecorations(g.value(), last(r), goldParsed, answerParsed, method);
            }
            if (answer instanceof Answer.SetOf set && set.elements().size() == 1) {
                return answers(gold, set.elements().get(0), goldParsed, answerParsed, method);
            }
            return false;
        }
        if (gold instanceof Answer.Text g) {
            method[0] = "text";
            if (answer instanceof Answer.Text a) {
                return g.text().equals(a.text());
            }
            return false;
        }
        if (gold instanceof Answer.Relation g) {
            method[0] = "relation";
            if (answer instanceof Answer.Relation a) {
                return relations(g, a);
            }
            if (answer instanceof Answer.Scalar a && isAssignment(g) && g.operators().get(0).equals("=")) {
                return scalars(last(g), a.value(), method);
            }
            Answer interval = asInterval(g);
            return interval != null && answers(interval, answer, goldParsed, answerParsed, method);
        }
        if (gold instanceof Answer.Bracketed g) {
            method[0] = isInterval(g) ? "interval" : "tuple";
            if (answer instanceof Answer.Bracketed a) {
                return g.open() == a.open() && g.close() == a.close() && elementwise(g.elements(), a.elements(), method);
            }
            if (answer instanceof Answer.Relation r) {
                Answer interval = asInterval(r);
                return interval != null && answers(gold, interval, goldParsed, answerParsed, method);
            }
            if (answer instanceof Answer.Matrix m && (g.open() == '(' && g.close() == ')' || g.open() == '[' && g.close() == ']')) {
                List<Answer> flat = vector(m);
                return flat != null && elementwise(g.elements(), flat, method);
            }
            if (answer instanceof Answer.Union u && u.parts().size() == 1) {
                return answers(gold, u.parts().get(0), goldParsed, answerParsed, method);
            }
            if (answer instanceof Answer.SetOf list && list.bare() && g.open() == '(' && g.close() == ')') {
                // "1, 3" for the point (1, 3): a list without brackets, compared in order.
                return elementwise(g.elements(), list.elements(), method);
            }
            return false;
        }
        if (gold instanceof Answer.SetOf g) {
            method[0] = "set";
            Map<String, Node> system = systemValues(g.elements());
            if (system != null) {
                method[0] = "system";
                return system(g, system, answer, method);
            }
            List<Answer> elements;
            if (answer instanceof Answer.SetOf a) {
                elements = a.elements();
            } else if (g.elements().size() == 1) {
                return answers(g.elements().get(0), answer, goldParsed, answerParsed, method);
            } else {
                return false;
            }
            return unordered(g.elements(), elements, method);
        }
        if (gold instanceof Answer.Union g) {
            method[0] = "interval";
            if (answer instanceof Answer.Union a) {
                return unordered(g.parts(), a.parts(), method);
            }
            if (answer instanceof Answer.Relation r && asInterval(r) instanceof Answer.Union a) {
                return unordered(g.parts(), a.parts(), method);
            }
            return g.parts().size() == 1 && answers(g.parts().get(0), answer, goldParsed, answerParsed, method);
        }
        if (gold instanceof Answer.Matrix g) {
            method[0] = "matrix";
            if (answer instanceof Answer.Matrix a) {
                if (g.rows().size() != a.rows().size()) {
                    return false;
                }
                for (int r = 0; r < g.rows().size(); r++) {
                    if (!elementwise(g.rows().get(r), a.rows().get(r), method)) {
                        return false;
                    }
                }
                return true;
            }
            if (answer instanceof Answer.Bracketed b && (b.open() == '(' && b.close() == ')' || b.open() == '[' && b.close() == ']')) {
                List<Answer> flat = vector(g);
                return flat != null && elementwise(flat, b.elements(), method);
            }
            return false;
        }
        if (gold instanceof Answer.Choice g) {
            method[0] = "choice";
            return answer instanceof Answer.Choice a && a.letter() == g.letter();
        }
        return false;
    }

    /**
     * A solution of a system, "x = 2, y = 3": the value of each variable, or null when the list is not one assignment
     * per distinct variable (then "x = 1, x = 2" stays a set of alternatives).
     */
    private static Map<String, Node> systemValues(List<Answer> elements) {
        if (elements.size() < 2) {
            return null;
        }
        Map<String, Node> values = new HashMap<>();
        for (Answer element : elements) {
            if (!(element instanceof Answer.Relation r) || r.sides().size() != 2 || !r.operators().get(0).equals("=")
                    || !isVariable(r.sides().get(0)) || values.put(Printer.print(r.sides().get(0)), last(r)) != null) {
                return null;
            }
        }
        return values;
    }

    /**
     * The values must go with their variables: "y = 3, x = 2" answers "x = 2, y = 3" but "x = 3, y = 2" does not, as
     * a set of values would have it. Unlabelled values ("2, 3", "(2, 3)") and other names are taken in the gold's order.
     */
    private boolean system(Answer.SetOf gold, Map<String, Node> goldValues, Answer answer, String[] method) {
        List<Answer> elements;
        if (answer instanceof Answer.SetOf a) {
            elements = a.elements();
        } else if (answer instanceof Answer.Bracketed b && b.open() == '(' && b.close() == ')') {
            elements = b.elements();
        } else {
            return false;
        }
        Map<String, Node> answerValues = systemValues(elements);
        if (answerValues != null && answerValues.keySet().equals(goldValues.keySet())) {
            for (Map.Entry<String, Node> entry : goldValues.entrySet()) {
                if (!scalars(entry.getValue(), answerValues.get(entry.getKey()), new String[1])) {
                    return false;
                }
            }
            return true;
        }
        return elementwise(gold.elements(), elements, method);
    }

    private boolean elementwise(List<Answer> gold, List<Answer> answer, String[] method) {
        if (gold.size() != answer.size()) {
            return false;
        }
        for (int i = 0; i < gold.size(); i++) {
            String[] inner = {null};
            if (!answers(gold.get(i), answer.get(i), null, null, inner)) {
                return false;
            }
        }
        return true;
    }

    /** Set equality: every gold element has an equivalent answer element and vice versa (repeats do not count). */
    private boolean unordered(List<Answer> gold, List<Answer> answer, String[] method) {
        if (answer.isEmpty() != gold.isEmpty() || answer.size() > 4 * Math.max(1, gold.size())) {
            return false;
        }
        boolean[] answerMatched = new boolean[answer.size()];
        for (Answer g : gold) {
            boolean matched = false;
            for (int i = 0; i < answer.size(); i++) {
                if (answers(g, answer.get(i), null, null, new String[1])) {
                    answerMatched[i] = true;
                    matched = true;
                }
            }
            if (!matched) {
                return false;
            }
        }
        for (boolean matched : answerMatched) {
            if (!matched) {
                return false;
            }
        }
        return true;
    }

    private boolean scalarsWithDecorations(Node gold, Node answer, AnswerParser.Parsed goldParsed,
                                           AnswerParser.Parsed answerParsed, String[] method) {
        if (scalars(gold, answer, method)) {
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
            if (scalars(scaledGold, scaledAnswer, method)) {
                return true;
            }
        }
        if (goldParsed.degrees() || answerParsed.degrees()) {
            // sin(90° − x) = cos x: with a degree sign in play, trigonometric arguments are read in degrees.
            if (scalars(trigInDegrees(gold), trigInDegrees(answer), method)) {
                return true;
            }
        }
        if (goldParsed.degrees() != answerParsed.degrees()) {
            Node g = goldParsed.degrees() ? new Node.Mul(List.of(gold, RADIANS_PER_DEGREE)) : gold;
            Node a = answerParsed.degrees() ? new Node.Mul(List.of(answer, RADIANS_PER_DEGREE)) : answer;
            return scalars(g, a, method);
        }
        return false;
    }

    boolean scalars(Node gold, Node answer, String[] method) {
        String goldText = Printer.print(gold);
        if (goldText.equals(Printer.print(answer))) {
            method[0] = method[0] == null ? "string" : method[0];
            return true;
        }
        // 2^(2^-1000) is 1 in doubles but not in fact: such expressions get no double or CAS verdict.
        boolean degenerate = isHuge(gold) || isHuge(answer);
        Set<String> goldVars = variables(gold);
        Set<String> answerVars = variables(answer);
        boolean approximate = hasDecimal(gold) || hasDecimal(answer);
        if (goldVars.isEmpty() && answerVars.isEmpty()) {
            if (method[0] == null) {
                method[0] = "numeric";
            }
            Boolean exact = exactlyEqual(gold, answer, approximate);
            if (exact != null) {
                return exact;
            }
            if (degenerate) {
                tooCostly = true;
                return false;
            }
            Boolean numeric = numericallyEqual(gold, answer, Map.of(), approximate);
            if (numeric != null) {
                return numeric;
            }
            return symbolic(gold, answer, method);
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
        if (method[0] == null) {
            method[0] = "symbolic";
        }
        if (degenerate) {
            tooCostly = true;
            return false;
        }
        Random random = new Random(goldText.hashCode() * 31L + goldVars.hashCode());
        int decided = 0;
        for (int attempt = 0; attempt < SAMPLE_POINTS * 3 && decided < SAMPLE_POINTS; attempt++) {
            Map<String, Complex> point = new HashMap<>();
            for (String variable : goldVars) {
                point.put(variable, Complex.real(0.3 + 2.2 * random.nextDouble()));
            }
            Boolean equal = numericallyEqual(gold, answer, point, approximate);
            if (equal == null) {
                continue;
            }
            if (!equal) {
                return false;
            }
            decided++;
        }
        if (decided == SAMPLE_POINTS && differOnNegatives(gold, answer, goldVars, random, approximate)) {
            return false;
        }
        return decided == SAMPLE_POINTS || symbolic(gold, answer, method);
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

    private static boolean isOrdinaryReal(Complex value) {
        return value.isFinite() && Math.abs(value.im()) <= 1e-12 * Math.max(1, Math.abs(value.re()));
    }

    private Boolean exactlyEqual(Node gold, Node answer, boolean approximate) {
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
            tooCostly = true;
            return null;
        }
    }

    /** True/false when both values are ordinary finite numbers; null when doubles carry no information. */
    private Boolean numericallyEqual(Node gold, Node answer, Map<String, Complex> point, boolean approximate) {
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
                    && isInfinitySymbol(gold) && isInfinitySymbol(answer)) {
                return Math.signum(g.re()) == Math.signum(a.re());
            }
            return null;
        }
        return closeEnough(g, a, approximate);
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

    private boolean symbolic(Node gold, Node answer, String[] method) {
        Boolean zero = Symja.isZero(Symja.toSymja(gold) + "-(" + Symja.toSymja(answer) + ")", settings.symjaMillis());
        if (zero == null) {
            return false;
        }
        method[0] = "symbolic";
        return zero;
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
            if (n instanceof Node.Fn fn && fn.name().equals("factorial")) {
                Complex argument = constantValue(fn.args().get(0));
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

    private boolean relations(Answer.Relation gold, Answer.Relation answer) {
        if (Forms.print(gold).equals(Forms.print(answer))) {
            return true;
        }
        if (isAssignment(gold) && isAssignment(answer)) {
            return scalars(last(gold), last(answer), new String[1]);
        }
        Answer goldInterval = asInterval(gold);
        Answer answerInterval = asInterval(answer);
        if (goldInterval != null && answerInterval != null) {
            return answers(goldInterval, answerInterval, null, null, new String[1]);
        }
        if (gold.sides().size() != 2 || answer.sides().size() != 2) {
            return false;
        }
        String gop = gold.operators().get(0);
        String aop = answer.operators().get(0);
        Node gDiff = difference(gold.sides().get(0), gold.sides().get(1));
        Node aDiff;
        boolean mustBePositive = !gop.equals("=") && !gop.equals("≠");
        if (gop.equals(aop)) {
            aDiff = difference(answer.sides().get(0), answer.sides().get(1));
        } else if (flipped(gop).equals(aop)) {
            aDiff = difference(answer.sides().get(1), answer.sides().get(0));
        } else {
            return false;
        }
        return proportional(gDiff, aDiff, mustBePositive);
    }

    /** g = c·a for one constant c ≠ 0 (c > 0 for inequalities), tested at random points. */
    private boolean proportional(Node gold, Node answer, boolean positive) {
        Set<String> vars = new TreeSet<>(variables(gold));
        vars.addAll(variables(answer));
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

    /** x > 2 is (2, ∞); 1 ≤ x < 3 is [1, 3); null when the relation is not a bound on one variable. */
    static Answer asInterval(Answer.Relation relation) {
        List<Node> sides = relation.sides();
        List<String> ops = relation.operators();
        Node inf = new Node.Sym("inf");
        Node minusInf = new Node.Neg(inf);
        if (ops.equals(List.of("≠"))) {
            // x ≠ a: every real but a, (−∞, a) ∪ (a, ∞)
            Node bound = isVariable(sides.get(0)) && variables(sides.get(1)).isEmpty() ? sides.get(1)
                    : isVariable(sides.get(1)) && variables(sides.get(0)).isEmpty() ? sides.get(0) : null;
            return bound == null ? null : new Answer.Union(List.of(
                    new Answer.Bracketed('(', ')', List.of(new Answer.Scalar(minusInf), new Answer.Scalar(bound))),
                    new Answer.Bracketed('(', ')', List.of(new Answer.Scalar(bound), new Answer.Scalar(inf)))));
        }
        if (ops.stream().anyMatch(op -> op.equals("=") || op.equals("≠") || op.equals("\\in"))) {
            return null;
        }
        if (sides.size() == 2) {
            boolean varLeft = isVariable(sides.get(0)) && variables(sides.get(1)).isEmpty();
            boolean varRight = isVariable(sides.get(1)) && variables(sides.get(0)).isEmpty();
            if (!varLeft && !varRight) {
                return null;
            }
            String op = varLeft ? ops.get(0) : flipped(ops.get(0));
            Node bound = varLeft ? sides.get(1) : sides.get(0);
            boolean closed = op.equals("≤") || op.equals("≥");
            if (op.equals(">") || op.equals("≥")) {
                return new Answer.Bracketed(closed ? '[' : '(', ')', List.of(new Answer.Scalar(bound), new Answer.Scalar(inf)));
            }
            return new Answer.Bracketed('(', closed ? ']' : ')', List.of(new Answer.Scalar(minusInf), new Answer.Scalar(bound)));
        }
        if (sides.size() == 3 && isLabel(sides.get(1)) && variables(sides.get(0)).isEmpty()
                && variables(sides.get(2)).isEmpty()) {
            String left = ops.get(0);
            String right = ops.get(1);
            boolean increasing = (left.equals("<") || left.equals("≤")) && (right.equals("<") || right.equals("≤"));
            boolean decreasing = (left.equals(">") || left.equals("≥")) && (right.equals(">") || right.equals("≥"));
            if (increasing) {
                return new Answer.Bracketed(left.equals("≤") ? '[' : '(', right.equals("≤") ? ']' : ')',
                        List.of(new Answer.Scalar(sides.get(0)), new Answer.Scalar(sides.get(2))));
            }
            if (decreasing) {
                return new Answer.Bracketed(right.equals("≥") ? '[' : '(', left.equals("≥") ? ']' : ')',
                        List.of(new Answer.Scalar(sides.get(2)), new Answer.Scalar(sides.get(0))));
            }
        }
        return null;
    }

    /** Mixed or square brackets around two ends, or an infinite end: an interval rather than a point. */
    private static boolean isInterval(Answer.Bracketed bracketed) {
        if (bracketed.elements().size() != 2) {
            return false;
        }
        boolean round = bracketed.open() == '(' && bracketed.close() == ')';
        boolean infiniteEnd = bracketed.elements().stream()
                .anyMatch(e -> e instanceof Answer.Scalar s && isInfinitySymbol(s.value()));
        return !round || infiniteEnd;
    }

    private static List<Answer> vector(Answer.Matrix matrix) {
        if (matrix.rows().size() == 1) {
            return matrix.rows().get(0);
        }
        List<Answer> column = new ArrayList<>();
        for (List<Answer> row : matrix.rows()) {
            if (row.size() != 1) {
                return null;
            }
            column.add(row.get(0));
        }
        return column;
    }

    /** "x = 3", "f(x) = 2x+3", "AB = 4", "NO/BO = 1/√6": the left side names the answer instead of constraining it. */
    private static boolean isAssignment(Answer.Relation relation) {
        return relation.operators().stream().allMatch("="::equals) && isLabel(relation.sides().get(0));
    }

    /** Letters only, combined by products, quotients or application: no sum, no number except division's −1. */
    private static boolean isLabel(Node node) {
        if (node instanceof Node.Sym sym) {
            return !CONSTANTS.contains(sym.name()) || sym.name().equals("e") || sym.name().equals("i");
        }
        if (node instanceof Node.Mul mul) {
            return mul.factors().stream().allMatch(Equivalence::isLabel);
        }
        if (node instanceof Node.Fn fn && fn.name().equals("abs")) {
            return isLabel(fn.args().get(0));
        }
        if (node instanceof Node.Pow pow) {
            return isLabel(pow.base()) && pow.exponent() instanceof Node.Num n
                    && n.numerator().equals(BigInteger.ONE.negate()) && n.denominator().equals(BigInteger.ONE);
        }
        return false;
    }

    private static Node last(Answer.Relation relation) {
        return relation.sides().get(relation.sides().size() - 1);
    }

    private static boolean isVariable(Node node) {
        return node instanceof Node.Sym sym && !CONSTANTS.contains(sym.name());
    }

    private static boolean isInfinitySymbol(Node node) {
        return Printer.print(node).contains("inf");
    }

    private static String flipped(String op) {
        return switch (op) {
            case "<" -> ">";
            case ">" -> "<";
            case "≤" -> "≥";
            case "≥" -> "≤";
            default -> op;
        };
    }

    private static Node difference(Node left, Node right) {
        return new Node.Add(List.of(left, new Node.Neg(right)));
    }

    static Set<String> variables(Node node) {
        Set<String> out = new TreeSet<>();
        Nodes.anyMatch(node, n -> {
            if (n instanceof Node.Sym sym && !CONSTANTS.contains(sym.name())) {
                out.add(sym.name());
            }
            return false;
        });
        return out;
    }

    private static boolean hasDecimal(Node node) {
        return Nodes.anyMatch(node, n -> n instanceof Node.Num num && num.decimal());
    }

    private static Node trigInDegrees(Node node) {
        return Nodes.map(node, n -> n instanceof Node.Fn fn && TRIG.contains(fn.name())
                ? new Node.Fn(fn.name(), List.of(new Node.Mul(List.of(fn.args().get(0), RADIANS_PER_DEGREE))))
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

    public static String methodOf(Answer answer) {
        if (answer instanceof Answer.Scalar) {
            return "numeric";
        }
        if (answer instanceof Answer.SetOf set) {
            return systemValues(set.elements()) != null ? "system" : "set";
        }
        if (answer instanceof Answer.Bracketed b) {
            return isInterval(b) ? "interval" : "tuple";
        }
        if (answer instanceof Answer.Union) {
            return "interval";
        }
        if (answer instanceof Answer.Matrix) {
            return "matrix";
        }
        if (answer instanceof Answer.Relation) {
            return "relation";
        }
        if (answer instanceof Answer.Choice) {
            return "choice";
        }
        return "text";
    }

}

package dev.rewards.math.internal;

import java.math.BigInteger;
import java.util.List;

/** What a relation says: an assignment that names a value, a bound that is an interval, or a constraint. */
final class Relations {

    private Relations() {
    }

    /** x > 2 is (2, ∞); 1 ≤ x < 3 is [1, 3); null when the relation is not a bound on one variable. */
    static Answer asInterval(Answer.Relation relation) {
        List<Node> sides = relation.sides();
        List<String> ops = relation.operators();
        Node inf = new Node.Sym("inf");
        Node minusInf = new Node.Neg(inf);
        if (ops.equals(List.of("≠"))) {
            // x ≠ a: every real but a, (−∞, a) ∪ (a, ∞)
            Node bound = Nodes.isVariable(sides.get(0)) && Nodes.variables(sides.get(1)).isEmpty() ? sides.get(1)
                    : Nodes.isVariable(sides.get(1)) && Nodes.variables(sides.get(0)).isEmpty() ? sides.get(0) : null;
            return bound == null ? null : new Answer.Union(List.of(
                    new Answer.Bracketed('(', ')', List.of(new Answer.Scalar(minusInf), new Answer.Scalar(bound))),
                    new Answer.Bracketed('(', ')', List.of(new Answer.Scalar(bound), new Answer.Scalar(inf)))));
        }
        if (ops.stream().anyMatch(op -> op.equals("=") || op.equals("≠") || op.equals("\\in"))) {
            return null;
        }
        if (sides.size() == 2) {
            boolean varLeft = Nodes.isVariable(sides.get(0)) && Nodes.variables(sides.get(1)).isEmpty();
            boolean varRight = Nodes.isVariable(sides.get(1)) && Nodes.variables(sides.get(0)).isEmpty();
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
        if (sides.size() == 3 && isLabel(sides.get(1)) && Nodes.variables(sides.get(0)).isEmpty()
                && Nodes.variables(sides.get(2)).isEmpty()) {
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

    /**
     * "x = 3", "f(x) = 2x+3", "AB = 4", "NO/BO = 1/√6": the left side names the answer instead of constraining it. A
     * name that appears on the other side ("x = 2x + 1") makes an equation, not an assignment.
     */
    static boolean isAssignment(Answer.Relation relation) {
        if (!relation.operators().stream().allMatch("="::equals) || !isLabel(relation.sides().get(0))) {
            return false;
        }
        java.util.Set<String> named = Nodes.variables(relation.sides().get(0));
        return relation.sides().stream().skip(1).noneMatch(side -> Nodes.variables(side).stream().anyMatch(named::contains));
    }

    /**
     * The answer's value of an assignment, made comparable with the gold's, or null when the two name different
     * things: "x = …" does not answer "y = …". y and f(x) both name the function's value; f(z) = z defines the same
     * function as f(x) = x, so the answer's argument is renamed to the gold's.
     */
    static Node valueUnderGoldLabel(Answer.Relation gold, Answer.Relation answer) {
        Node goldLabel = gold.sides().get(0);
        Node answerLabel = answer.sides().get(0);
        Node value = last(answer);
        if (labelText(goldLabel).equals(labelText(answerLabel))) {
            return value;
        }
        java.util.regex.Matcher g = FUNCTION.matcher(labelText(goldLabel));
        java.util.regex.Matcher a = FUNCTION.matcher(labelText(answerLabel));
        boolean goldFunction = g.matches();
        boolean answerFunction = a.matches();
        if (goldFunction && answerFunction && g.group(1).equals(a.group(1))) {
            List<String> from = List.of(a.group(2).split(","));
            List<String> to = List.of(g.group(2).split(","));
            if (from.size() != to.size() || !from.containsAll(Nodes.variables(value))) {
                return null;
            }
            java.util.Map<String, String> renaming = new java.util.HashMap<>();
            for (int i = 0; i < from.size(); i++) {
                renaming.put(from.get(i), to.get(i));
            }
            return Nodes.map(value, n -> n instanceof Node.Sym sym && renaming.containsKey(sym.name())
                    ? new Node.Sym(renaming.get(sym.name())) : n);
        }
        boolean goldY = labelText(goldLabel).equals("y");
        boolean answerY = labelText(answerLabel).equals("y");
        return goldFunction && answerY || answerFunction && goldY ? value : null;
    }

    private static final java.util.regex.Pattern FUNCTION = java.util.regex.Pattern.compile("^([A-Za-z](?:\\^\\{-1\\}|'{1,3})?)\\(([A-Za-z](?:,[A-Za-z])*)\\)$");

    /** A label as written, without spacing or product signs: "A*B" and "AB" name the same segment. */
    private static String labelText(Node label) {
        return Printer.print(label).replace("*", "").replace(" ", "");
    }

    /** Letters only, combined by products, quotients or application: no sum, no number except division's −1. */
    static boolean isLabel(Node node) {
        if (node instanceof Node.Sym sym) {
            return !Nodes.CONSTANTS.contains(sym.name()) || sym.name().equals("e") || sym.name().equals("i");
        }
        if (node instanceof Node.Mul mul) {
            return mul.factors().stream().allMatch(Relations::isLabel);
        }
        if (node instanceof Node.Fn fn && fn.func() == Func.ABS) {
            return isLabel(fn.arg());
        }
        if (node instanceof Node.Pow pow) {
            return isLabel(pow.base()) && pow.exponent() instanceof Node.Num n
                    && n.numerator().equals(BigInteger.ONE.negate()) && n.denominator().equals(BigInteger.ONE);
        }
        return false;
    }

    /** What a bound constrains: the variable side of x > 2, the middle of 1 ≤ |z| ≤ 3/2 (as written, spacing aside). */
    static String boundedTerm(Answer.Relation relation) {
        List<Node> sides = relation.sides();
        Node term = sides.size() == 3 ? sides.get(1)
                : Nodes.variables(sides.get(1)).isEmpty() ? sides.get(0) : sides.get(1);
        return labelText(term);
    }

    /** The last side: the value a chain of equalities arrives at. */
    static Node last(Answer.Relation relation) {
        return relation.sides().get(relation.sides().size() - 1);
    }

    static String flipped(String op) {
        return switch (op) {
            case "<" -> ">";
            case ">" -> "<";
            case "≤" -> "≥";
            case "≥" -> "≤";
            default -> op;
        };
    }

    static Node difference(Node left, Node right) {
        return new Node.Add(List.of(left, new Node.Neg(right)));
    }
}

package dev.rewards.math.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.rewards.math.internal.Relations.asInterval;
import static dev.rewards.math.internal.Relations.isAssignment;
import static dev.rewards.math.internal.Relations.last;

/**
 * The structural decision: answers compare shape by shape (sets unordered, tuples and matrices in order, intervals
 * with their ends, relations side by side), down to scalars, which {@link Scalars} decides.
 */
final class Structural {

    private final Scalars scalars;
    private final NumericComparison numeric;

    Structural(Scalars scalars, NumericComparison numeric) {
        this.scalars = scalars;
        this.numeric = numeric;
    }

    boolean answers(Answer gold, Answer answer, AnswerParser.Parsed goldParsed, AnswerParser.Parsed answerParsed,
                    Trace trace) {
        if (gold instanceof Answer.Labelled g) {
            if (answer instanceof Answer.Labelled a && !a.label().equals(g.label())) {
                return false;
            }
            return answers(g.value(), answer instanceof Answer.Labelled a ? a.value() : answer, goldParsed,
                    answerParsed, trace);
        }
        if (answer instanceof Answer.Labelled a) {
            return answers(gold, a.value(), goldParsed, answerParsed, trace);
        }
        if (gold instanceof Answer.Scalar g) {
            if (answer instanceof Answer.Scalar a) {
                return scalars.withDecorations(g.value(), a.value(), goldParsed, answerParsed, trace);
            }
            if (answer instanceof Answer.Relation r && r.operators().stream().allMatch("="::equals)
                    && (isAssignment(r) || Nodes.variables(last(r)).isEmpty())) {
                // "x = 11" and the worked "5 + 5 + 1 = 11" both end in the value that answers the question.
                return scalars.withDecorations(g.value(), last(r), goldParsed, answerParsed, trace);
            }
            if (answer instanceof Answer.SetOf set && set.elements().size() == 1 && goldParsed != null) {
                // "\\{5\\}" answers 5 as a whole answer; inside a set, {2} is not the element 2
                return answers(gold, set.elements().get(0), goldParsed, answerParsed, trace);
            }
            return false;
        }
        if (gold instanceof Answer.Text g) {
            trace.decidedBy(Method.TEXT);
            return answer instanceof Answer.Text a && g.text().equals(a.text());
        }
        if (gold instanceof Answer.Relation g) {
            trace.decidedBy(Method.RELATION);
            if (answer instanceof Answer.Relation a) {
                return relations(g, a, trace);
            }
            if (answer instanceof Answer.Scalar a && isAssignment(g) && g.operators().get(0).equals("=")) {
                return scalars.equal(last(g), a.value(), trace);
            }
            Answer interval = asInterval(g);
            return interval != null && answers(interval, answer, goldParsed, answerParsed, trace);
        }
        if (gold instanceof Answer.Bracketed g) {
            return bracketed(g, answer, goldParsed, answerParsed, trace);
        }
        if (gold instanceof Answer.SetOf g) {
            trace.decidedBy(Method.SET);
            Map<String, Node> system = systemValues(g.elements());
            if (system != null) {
                trace.decidedBy(Method.SYSTEM);
                return system(g, system, answer, trace);
            }
            if (answer instanceof Answer.SetOf a) {
                return unordered(g.elements(), a.elements(), trace);
            }
            return g.elements().size() == 1 && answers(g.elements().get(0), answer, goldParsed, answerParsed, trace);
        }
        if (gold instanceof Answer.Union g) {
            trace.decidedBy(Method.INTERVAL);
            if (answer instanceof Answer.Union a) {
                return unordered(g.parts(), a.parts(), trace);
            }
            if (answer instanceof Answer.Relation r && asInterval(r) instanceof Answer.Union a) {
                return unordered(g.parts(), a.parts(), trace);
            }
            return g.parts().size() == 1 && answers(g.parts().get(0), answer, goldParsed, answerParsed, trace);
        }
        if (gold instanceof Answer.Matrix g) {
            trace.decidedBy(Method.MATRIX);
            return matrix(g, answer, trace);
        }
        if (gold instanceof Answer.Choice g) {
            trace.decidedBy(Method.CHOICE);
            return answer instanceof Answer.Choice a && a.letter() == g.letter();
        }
        return false;
    }

    private boolean bracketed(Answer.Bracketed g, Answer answer, AnswerParser.Parsed goldParsed,
                              AnswerParser.Parsed answerParsed, Trace trace) {
        trace.decidedBy(isInterval(g) ? Method.INTERVAL : Method.TUPLE);
        if (answer instanceof Answer.Bracketed a) {
            return g.open() == a.open() && g.close() == a.close()
                    && elementwise(g.elements(), inNameOrder(a.elements()), trace);
        }
        if (answer instanceof Answer.Relation r) {
            Answer interval = asInterval(r);
            return interval != null && answers(g, interval, goldParsed, answerParsed, trace);
        }
        if (answer instanceof Answer.Matrix m && isVectorBracket(g)) {
            List<Answer> flat = vector(m);
            return flat != null && elementwise(g.elements(), flat, trace);
        }
        if (answer instanceof Answer.Union u && u.parts().size() == 1) {
            return answers(g, u.parts().get(0), goldParsed, answerParsed, trace);
        }
        if (answer instanceof Answer.SetOf list && list.bare() && g.open() == '(' && g.close() == ')') {
            // "1, 3" for the point (1, 3): a list without brackets, compared in order.
            return elementwise(g.elements(), inNameOrder(list.elements()), trace);
        }
        return false;
    }

    private static final java.util.regex.Pattern LATIN_NAME = java.util.regex.Pattern.compile("[A-Za-z](?:_\\w+)?");

    /**
     * Assignments answering an unlabelled point go in the order of their names: "y = 1, x = 2" is the point (2, 1),
     * whatever order it is written in. Only Latin names (x, y, z; a, b; x_1, x_2) have an order to rely on; with any
     * other name ("r, \\theta") the values stay as written.
     */
    private static List<Answer> inNameOrder(List<Answer> elements) {
        Map<String, Node> values = systemValues(elements);
        if (values == null || !values.keySet().stream().allMatch(name -> LATIN_NAME.matcher(name).matches())) {
            return elements;
        }
        List<Answer> sorted = new ArrayList<>(elements);
        sorted.sort(java.util.Comparator.comparing(e -> Printer.print(((Answer.Relation) e).sides().get(0))));
        return sorted;
    }

    private boolean matrix(Answer.Matrix g, Answer answer, Trace trace) {
        if (answer instanceof Answer.Matrix a) {
            if (g.rows().size() != a.rows().size()) {
                return false;
            }
            for (int r = 0; r < g.rows().size(); r++) {
                if (!elementwise(g.rows().get(r), a.rows().get(r), trace)) {
                    return false;
                }
            }
            return true;
        }
        if (answer instanceof Answer.Bracketed b && isVectorBracket(b)) {
            List<Answer> flat = vector(g);
            return flat != null && elementwise(flat, b.elements(), trace);
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
                    || !Nodes.isVariable(r.sides().get(0))
                    || values.put(Printer.print(r.sides().get(0)), last(r)) != null) {
                return null;
            }
        }
        return values;
    }

    /**
     * The values must go with their variables: "y = 3, x = 2" answers "x = 2, y = 3" but "x = 3, y = 2" does not, as
     * a set of values would have it. Unlabelled values ("2, 3", "(2, 3)") and other names are taken in the gold's order.
     */
    private boolean system(Answer.SetOf gold, Map<String, Node> goldValues, Answer answer, Trace trace) {
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
                if (!scalars.equal(entry.getValue(), answerValues.get(entry.getKey()), trace.nested())) {
                    return false;
                }
            }
            return true;
        }
        return elementwise(gold.elements(), elements, trace);
    }

    private boolean elementwise(List<Answer> gold, List<Answer> answer, Trace trace) {
        if (gold.size() != answer.size()) {
            return false;
        }
        for (int i = 0; i < gold.size(); i++) {
            if (!answers(gold.get(i), answer.get(i), null, null, trace.nested())) {
                return false;
            }
        }
        return true;
    }

    /** Set equality: every gold element has an equivalent answer element and vice versa (repeats do not count). */
    private boolean unordered(List<Answer> gold, List<Answer> answer, Trace trace) {
        if (answer.isEmpty() != gold.isEmpty() || answer.size() > 4 * Math.max(1, gold.size())) {
            return false;
        }
        boolean[] answerMatched = new boolean[answer.size()];
        for (Answer g : gold) {
            boolean matched = false;
            for (int i = 0; i < answer.size(); i++) {
                if (answers(g, answer.get(i), null, null, trace.nested())) {
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

    private boolean relations(Answer.Relation gold, Answer.Relation answer, Trace trace) {
        if (Forms.print(gold).equals(Forms.print(answer))) {
            return true;
        }
        if (isAssignment(gold) && isAssignment(answer)) {
            Node value = Relations.valueUnderGoldLabel(gold, answer);
            return value != null && scalars.equal(last(gold), value, trace.nested());
        }
        Answer goldInterval = asInterval(gold);
        Answer answerInterval = asInterval(answer);
        if (goldInterval != null && answerInterval != null) {
            // 1 ≤ |z| ≤ 3/2 and 1 ≤ z ≤ 3/2 are the same interval of different things
            return Relations.boundedTerm(gold).equals(Relations.boundedTerm(answer))
                    && answers(goldInterval, answerInterval, null, null, trace.nested());
        }
        if (gold.sides().size() != 2 || answer.sides().size() != 2) {
            return false;
        }
        String gop = gold.operators().get(0);
        String aop = answer.operators().get(0);
        Node gDiff = Relations.difference(gold.sides().get(0), gold.sides().get(1));
        Node aDiff;
        boolean mustBePositive = !gop.equals("=") && !gop.equals("≠");
        if (gop.equals(aop)) {
            aDiff = Relations.difference(answer.sides().get(0), answer.sides().get(1));
        } else if (Relations.flipped(gop).equals(aop)) {
            aDiff = Relations.difference(answer.sides().get(1), answer.sides().get(0));
        } else {
            return false;
        }
        return numeric.proportional(gDiff, aDiff, mustBePositive);
    }

    /** Mixed or square brackets around two ends, or an infinite end: an interval rather than a point. */
    private static boolean isInterval(Answer.Bracketed bracketed) {
        if (bracketed.elements().size() != 2) {
            return false;
        }
        boolean round = bracketed.open() == '(' && bracketed.close() == ')';
        boolean infiniteEnd = bracketed.elements().stream()
                .anyMatch(e -> e instanceof Answer.Scalar s && Nodes.isInfinitySymbol(s.value()));
        return !round || infiniteEnd;
    }

    private static boolean isVectorBracket(Answer.Bracketed b) {
        return b.open() == '(' && b.close() == ')' || b.open() == '[' && b.close() == ']';
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

    /** The method reported for a gold of this shape when no comparison took place. */
    static Method methodOf(Answer answer) {
        if (answer instanceof Answer.Labelled labelled) {
            return methodOf(labelled.value());
        }
        if (answer instanceof Answer.Scalar) {
            return Method.NUMERIC;
        }
        if (answer instanceof Answer.SetOf set) {
            return systemValues(set.elements()) != null ? Method.SYSTEM : Method.SET;
        }
        if (answer instanceof Answer.Bracketed b) {
            return isInterval(b) ? Method.INTERVAL : Method.TUPLE;
        }
        if (answer instanceof Answer.Union) {
            return Method.INTERVAL;
        }
        if (answer instanceof Answer.Matrix) {
            return Method.MATRIX;
        }
        if (answer instanceof Answer.Relation) {
            return Method.RELATION;
        }
        if (answer instanceof Answer.Choice) {
            return Method.CHOICE;
        }
        return Method.TEXT;
    }
}

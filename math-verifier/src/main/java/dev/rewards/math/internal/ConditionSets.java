package dev.rewards.math.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets written as conditions on one variable: set-builder notation ({x | −1 < x < 1} is (−1, 1)) and bounds joined
 * by "or" (a ≤ −2 or a = 1 is (−∞, −2] ∪ {1}). Anything else — another variable in the condition, "and", a bound
 * that is no interval — is not rewritten, so it can only match the same writing.
 */
final class ConditionSets {

    private static final Pattern SET_BUILDER = Pattern.compile(
            "^\\\\\\{\\s*([A-Za-z](?:_\\{?\\w+\\}?)?)\\s*(?:\\\\in\\s*(?:\\\\mathbb\\s*)?\\{?\\s*R\\s*\\}?\\s*)?(?:\\||:)(.+)\\\\\\}$",
            Pattern.DOTALL);

    private ConditionSets() {
    }

    /** The set {var | condition} as an interval, union or finite set; null when s is no set-builder. */
    static Answer setBuilder(String s, Function<String, Answer> structure) {
        Matcher m = SET_BUILDER.matcher(s);
        if (!m.matches() || AnswerParser.matchingClose(s, 0) != s.length() - 2) {
            return null;
        }
        String variable = ExpressionParser.parse(m.group(1)) instanceof Node.Sym sym ? sym.name() : null;
        Answer condition = structure.apply(m.group(2).strip());
        if (condition instanceof Answer.Union union && variable != null && onlyVariable(m.group(2), variable)) {
            // bounds joined by "or", already one union on a single variable
            return union;
        }
        List<Answer> parts = List.of(condition);
        List<Answer> sets = new ArrayList<>();
        for (Answer part : parts) {
            Answer set = part instanceof Answer.Relation relation ? asSet(relation, variable) : null;
            if (set == null) {
                // a condition we cannot turn into a set: only the same writing answers it
                return new Answer.Text(s.replaceAll("\\s+", " "));
            }
            sets.add(set);
        }
        return sets.size() == 1 ? sets.get(0) : new Answer.Union(flatten(sets));
    }

    /**
     * Relations on one variable joined by "or", at least one of them a bound: their union. Null when the parts are
     * not all such relations on the same variable (then "x = 1 or x = 2" stays a list of alternatives).
     */
    static Answer orUnion(List<Answer> parts) {
        String variable = null;
        boolean bound = false;
        List<Answer> sets = new ArrayList<>();
        for (Answer part : parts) {
            if (!(part instanceof Answer.Relation relation)) {
                return null;
            }
            Set<String> variables = variablesOf(relation);
            if (variables.size() != 1 || variable != null && !variables.contains(variable)) {
                return null;
            }
            variable = variables.iterator().next();
            Answer set = asSet(relation, variable);
            if (set == null) {
                return null;
            }
            bound |= !(set instanceof Answer.SetOf);
            sets.add(set);
        }
        return bound ? new Answer.Union(flatten(sets)) : null;
    }

    /** x = c is {c}; a bound on x is its interval; null for anything else or another variable. */
    private static Answer asSet(Answer.Relation relation, String variable) {
        if (variable == null || !variablesOf(relation).equals(Set.of(variable))) {
            return null;
        }
        List<Node> sides = relation.sides();
        if (relation.operators().equals(List.of("=")) && sides.get(0) instanceof Node.Sym sym
                && sym.name().equals(variable) && Nodes.variables(sides.get(1)).isEmpty()) {
            return new Answer.SetOf(List.of(new Answer.Scalar(sides.get(1))));
        }
        return Relations.asInterval(relation);
    }

    private static final Pattern LETTER = Pattern.compile("(?<![A-Za-z\\\\])[A-Za-z](?![A-Za-z])");

    private static boolean onlyVariable(String condition, String variable) {
        Matcher letters = LETTER.matcher(condition);
        while (letters.find()) {
            if (!letters.group().equals(variable)) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> variablesOf(Answer.Relation relation) {
        Set<String> variables = new java.util.TreeSet<>();
        relation.sides().forEach(side -> variables.addAll(Nodes.variables(side)));
        return variables;
    }

    private static List<Answer> flatten(List<Answer> sets) {
        List<Answer> parts = new ArrayList<>();
        for (Answer set : sets) {
            if (set instanceof Answer.Union union) {
                parts.addAll(union.parts());
            } else {
                parts.add(set);
            }
        }
        return parts;
    }
}

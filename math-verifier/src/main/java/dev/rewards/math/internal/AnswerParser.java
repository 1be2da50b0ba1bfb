package dev.rewards.math.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The structure layer: turns an answer string into an {@link Answer} of the right shape, then parses its parts. */
public final class AnswerParser {

    /** The parsed answer with the decorations removed from it. */
    public record Parsed(Answer answer, boolean percent, boolean degrees, String normalized, String unit) {
        public Parsed(Answer answer, boolean percent, boolean degrees, String normalized) {
            this(answer, percent, degrees, normalized, null);
        }
    }

    /** "B", "(B)", "B.", "B: 42", "**B**", "(D) Alina", "C Cecile"; a sentence's first word ("A quick", "I think") is not. */
    private static final Pattern CHOICE = Pattern.compile(
            "^(?:\\*\\*)?(?:\\(([A-J])\\)|([A-J])(?=[.:)*]|\\s+(?![a-z])\\S|$))(?:\\*\\*)?[.:)]?(?:\\s+\\S.*)?$", Pattern.DOTALL);
    private static final Pattern MATRIX = Pattern.compile(
            "^\\[?\\s*\\\\begin\\{(pmatrix|bmatrix|Bmatrix|vmatrix|matrix|array|smallmatrix)\\}(?:\\{[lcr|]*\\})?(.*)\\\\end\\{\\1\\}\\s*\\]?$",
            Pattern.DOTALL);
    private static final Pattern CASES = Pattern.compile("^\\\\begin\\{(cases|aligned|align\\*?)\\}(.*)\\\\end\\{\\1\\}$", Pattern.DOTALL);
    private static final Pattern WORDS = Pattern.compile("^[A-Za-z][A-Za-z ']*$");
    /** f(x), g(x, y), the inverse f^{-1}(x) and derivatives f'(x) on the left of a definition. */
    private static final Pattern FUNCTION_LABEL = Pattern.compile(
            "^([A-Za-z])\\s*(\\^\\s*\\{?\\s*-\\s*1\\s*\\}?|'{1,3})?\\s*\\(\\s*([A-Za-z](?:\\s*,\\s*[A-Za-z])*)\\s*\\)$");
    private static final Pattern OR_WORD = Pattern.compile("(?:\\s|(?<=[)}\\]]))or(?:\\s|(?=[({\\[]))");
    private static final Pattern WORD_LABEL = Pattern.compile("^(\\p{L}[\\p{L}'’ ]{1,40}?)\\s*[:=](?![=])\\s*(\\S.*)$", Pattern.DOTALL);
    private static final java.util.Set<String> FUNCTION_WORDS = java.util.Set.of("sin", "cos", "tan", "cot", "sec",
            "csc", "log", "exp", "sqrt", "abs", "floor", "ceil", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh");
    private static final Pattern SEPARATOR_WORDS = Pattern.compile("(?:\\s|(?<=[)}\\]]))(?:or|and)(?:\\s|(?=[({\\[]))");
    private static final Pattern LABEL_TUPLE = Pattern.compile("^\\(\\s*[A-Za-z](?:_\\{?\\w+\\}?)?(?:\\s*,\\s*[A-Za-z](?:_\\{?\\w+\\}?)?)+\\s*\\)$");

    private AnswerParser() {
    }

    public static Parsed parse(String raw) {
        Normalizer.Normalized normalized = Normalizer.normalize(raw);
        String s = normalized.text();
        if (s.isEmpty()) {
            throw new ExpressionParser.ParseException("empty answer");
        }
        if (normalized.hedged()) {
            // "not 5", "at least 5": a statement about a value, which only the same statement answers.
            return new Parsed(new Answer.Text(s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")), normalized.percent(),
                    normalized.degrees(), s);
        }
        return new Parsed(structure(s, 0), normalized.percent(), normalized.degrees(), s, normalized.unit());
    }

    /** A single letter A–J, alone or as "(B)", "B.", "B: 42" or "(D) Alina": a multiple-choice answer. */
    public static Character choiceLetter(String raw) {
        String s = Normalizer.normalize(raw).text();
        Matcher m = CHOICE.matcher(s);
        return !m.matches() ? null : (m.group(1) != null ? m.group(1) : m.group(2)).charAt(0);
    }

    private static Answer structure(String s, int depth) {
        if (depth > 8) {
            throw new ExpressionParser.ParseException("answer nested too deeply");
        }
        s = s.strip();
        Matcher matrix = MATRIX.matcher(s);
        if (matrix.matches() && s.indexOf("\\begin", s.indexOf("\\begin") + 1) < 0) {
            return matrix(matrix.group(2), depth);
        }
        Answer combined = matrixArithmetic(s, depth);
        if (combined != null) {
            return combined;
        }
        Matcher cases = CASES.matcher(s);
        if (cases.matches()) {
            List<Answer> rows = new ArrayList<>();
            for (String row : cases.group(2).split("\\\\\\\\")) {
                String cleaned = row.replace("&", "").strip();
                if (!cleaned.isEmpty()) {
                    rows.add(structure(cleaned, depth + 1));
                }
            }
            return new Answer.SetOf(rows);
        }
        Answer setBuilder = ConditionSets.setBuilder(s, part -> structure(part, depth + 1));
        if (setBuilder != null) {
            return setBuilder;
        }
        List<String> unionParts = splitTopLevel(s, "\\cup");
        if (unionParts.size() > 1) {
            return new Answer.Union(unionParts.stream().map(p -> structure(p, depth + 1)).toList());
        }
        List<String> orParts = splitTopLevelWords(s, OR_WORD);
        if (orParts.size() > 1) {
            Answer union = orUnion(orParts, depth);
            if (union != null) {
                return union;
            }
        }
        if (splitTopLevel(s, ",").size() > 1 && SEPARATOR_WORDS.matcher(s).find()) {
            s = SEPARATOR_WORDS.matcher(s).replaceAll(", ");
        }
        List<String> alternatives = splitTopLevelWords(s, SEPARATOR_WORDS);
        if (alternatives.size() > 1) {
            return new Answer.SetOf(elements(alternatives, depth));
        }
        List<String> semicolonParts = splitTopLevel(s, ";");
        if (semicolonParts.size() > 1) {
            return new Answer.SetOf(elements(semicolonParts, depth));
        }
        if (s.startsWith("\\{") && s.endsWith("\\}") && matchingClose(s, 0) == s.length() - 2) {
            String inner = s.substring(2, s.length() - 2).strip();
            return new Answer.SetOf(inner.isEmpty() ? List.of() : elements(splitTopLevel(inner, ","), depth));
        }
        char first = s.charAt(0);
        char last = s.charAt(s.length() - 1);
        if (first == '{' && last == '}' && matchingClose(s, 0) == s.length() - 1) {
            List<String> elements = splitTopLevel(s.substring(1, s.length() - 1), ",");
            if (elements.size() > 1) {
                return new Answer.SetOf(elements(elements, depth), true);
            }
        }
        if ((first == '(' || first == '[') && (last == ')' || last == ']') && matchingClose(s, 0) == s.length() - 1) {
            String inner = s.substring(1, s.length() - 1);
            List<String> elements = splitTopLevel(inner, ",");
            if (elements.size() == 1) {
                elements = splitTopLevel(inner, ";");
            }
            if (elements.size() > 1) {
                return new Answer.Bracketed(first, last, elements.stream().map(p -> structure(p, depth + 1)).toList());
            }
        }
        List<String> commaParts = splitTopLevel(s, ",");
        if (commaParts.size() > 1) {
            return new Answer.SetOf(elements(commaParts, depth), true);
        }
        Answer labelled = labelled(s, depth);
        if (labelled != null) {
            return labelled;
        }
        Answer relation = relation(s, depth);
        if (relation != null) {
            return relation;
        }
        Integer spelled = numberWord(s);
        if (spelled != null) {
            return new Answer.Scalar(Node.integer(spelled));
        }
        if (WORDS.matcher(s).matches() && (longestWord(s) >= 3 || YES_NO.matcher(s).matches())) {
            return new Answer.Text(s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip());
        }
        Node node = ExpressionParser.parse(s);
        List<Node> expanded = expandPlusMinus(node);
        if (expanded.size() > 1) {
            return new Answer.SetOf(expanded.stream().<Answer>map(Answer.Scalar::new).toList());
        }
        return new Answer.Scalar(node);
    }

    private static final Pattern MATRIX_TERM = Pattern.compile(
            "\\\\begin\\{(pmatrix|bmatrix|Bmatrix|matrix)\\}(.*?)\\\\end\\{\\1\\}", Pattern.DOTALL);

    /**
     * A sum, difference or product of explicit matrices written as the answer ("A + B", "A B", "A \\cdot B"): the
     * result, element by element, as expressions (the comparison then evaluates them).
     */
    private static Answer matrixArithmetic(String s, int depth) {
        Matcher m = MATRIX_TERM.matcher(s);
        List<Answer.Matrix> terms = new ArrayList<>();
        List<String> operators = new ArrayList<>();
        int end = 0;
        while (m.find()) {
            String between = s.substring(end, m.start()).strip();
            if (terms.isEmpty() ? !between.isEmpty() : !between.matches("[+\\-]|\\\\cdot|\\\\times|")) {
                return null;
            }
            if (!terms.isEmpty()) {
                operators.add(between.isEmpty() || between.startsWith("\\") ? "*" : between);
            }
            terms.add((Answer.Matrix) matrix(m.group(2), depth + 1));
            end = m.end();
        }
        if (terms.size() < 2 || !s.substring(end).isBlank()) {
            return null;
        }
        List<List<Node>> result = cells(terms.get(0));
        for (int t = 1; t < terms.size(); t++) {
            List<List<Node>> next = cells(terms.get(t));
            result = operators.get(t - 1).equals("*") ? product(result, next) : sum(result, next, operators.get(t - 1));
        }
        return new Answer.Matrix(result.stream()
                .map(row -> row.stream().<Answer>map(Answer.Scalar::new).toList()).toList());
    }

    private static List<List<Node>> cells(Answer.Matrix matrix) {
        return matrix.rows().stream().map(row -> row.stream().map(cell -> {
            if (!(cell instanceof Answer.Scalar scalar)) {
                throw new ExpressionParser.ParseException("matrix arithmetic needs scalar entries");
            }
            return scalar.value();
        }).toList()).toList();
    }

    private static List<List<Node>> sum(List<List<Node>> a, List<List<Node>> b, String operator) {
        if (a.size() != b.size() || a.get(0).size() != b.get(0).size()) {
            throw new ExpressionParser.ParseException("matrix dimensions differ");
        }
        List<List<Node>> out = new ArrayList<>();
        for (int r = 0; r < a.size(); r++) {
            List<Node> row = new ArrayList<>();
            for (int c = 0; c < a.get(r).size(); c++) {
                Node right = operator.equals("-") ? new Node.Neg(b.get(r).get(c)) : b.get(r).get(c);
                row.add(new Node.Add(List.of(a.get(r).get(c), right)));
            }
            out.add(row);
        }
        return out;
    }

    private static List<List<Node>> product(List<List<Node>> a, List<List<Node>> b) {
        if (a.get(0).size() != b.size()) {
            throw new ExpressionParser.ParseException("matrix dimensions do not allow a product");
        }
        List<List<Node>> out = new ArrayList<>();
        for (List<Node> rowA : a) {
            List<Node> row = new ArrayList<>();
            for (int c = 0; c < b.get(0).size(); c++) {
                List<Node> terms = new ArrayList<>();
                for (int k = 0; k < rowA.size(); k++) {
                    terms.add(new Node.Mul(List.of(rowA.get(k), b.get(k).get(c))));
                }
                row.add(new Node.Add(terms));
            }
            out.add(row);
        }
        return out;
    }

    private static Answer matrix(String body, int depth) {
        List<List<Answer>> rows = new ArrayList<>();
        for (String row : body.split("\\\\\\\\")) {
            if (row.strip().isEmpty() || row.strip().equals("\\hline")) {
                continue;
            }
            List<Answer> cells = new ArrayList<>();
            for (String cell : row.replace("\\hline", "").split("&")) {
                cells.add(structure(cell.strip(), depth + 1));
            }
            rows.add(cells);
        }
        if (rows.isEmpty()) {
            throw new ExpressionParser.ParseException("empty matrix");
        }
        return new Answer.Matrix(rows);
    }

    private static final String[] RELATION_OPERATORS = {"≤", "≥", "≠", "\\in", "=", "<", ">"};

    private static Answer relation(String s, int depth) {
        List<String> sides = new ArrayList<>();
        List<String> operators = new ArrayList<>();
        int level = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                level++;
            } else if (c == ')' || c == ']' || c == '}') {
                level--;
            }
            if (level != 0) {
                continue;
            }
            for (String op : RELATION_OPERATORS) {
                if (s.startsWith(op, i) && !(op.equals("\\in") && i + 3 < s.length() && Character.isLetter(s.charAt(i + 3)))) {
                    sides.add(s.substring(start, i));
                    operators.add(op);
                    start = i + op.length();
                    i = start - 1;
                    break;
                }
            }
        }
        if (operators.isEmpty()) {
            return null;
        }
        sides.add(s.substring(start));
        if (sides.get(0).isBlank() && !operators.get(0).equals("=")) {
            // "≠ 5", "≤ 5": a bound or an exclusion without its variable states no value
            return new Answer.Text(s.replaceAll("\\s+", " "));
        }
        if (operators.size() == 1 && operators.get(0).equals("\\in")) {
            return structure(sides.get(1), depth + 1);
        }
        if (operators.size() == 1 && operators.get(0).equals("=") && LABEL_TUPLE.matcher(sides.get(0).strip()).matches()) {
            return structure(sides.get(1), depth + 1);
        }
        if (operators.size() == 1 && operators.get(0).equals("=") && sides.get(0).strip().matches("[A-Za-z](?:_\\{?\\w+\\}?)?")) {
            Answer value = structure(sides.get(1), depth + 1);
            if (!(value instanceof Answer.Scalar)) {
                return new Answer.Labelled(sides.get(0).strip(), value);
            }
        }
        List<Node> nodes = new ArrayList<>();
        try {
            for (String side : sides) {
                Matcher function = FUNCTION_LABEL.matcher(side.strip());
                boolean definition = nodes.isEmpty() && operators.get(0).equals("=") && function.matches();
                // f(x) = … defines f: the left side is a name with its argument, not the product f·x
                nodes.add(definition ? new Node.Sym(function.group(1) + decoration(function.group(2)) + "("
                        + function.group(3).replaceAll("\\s+", "") + ")") : ExpressionParser.parse(side));
            }
        } catch (ExpressionParser.ParseException e) {
            if (operators.stream().allMatch("="::equals)) {
                // A chain of equalities ends in the value, even when an earlier link is not parseable.
                return structure(sides.get(sides.size() - 1), depth + 1);
            }
            throw e;
        }
        return new Answer.Relation(nodes, operators);
    }

    private static String decoration(String written) {
        return written == null ? "" : written.startsWith("^") ? "^{-1}" : written;
    }

    /** a ± b is the set {a + b, a − b}; only a top-level ± is expanded. */
    private static List<Node> expandPlusMinus(Node node) {
        if (node instanceof Node.Fn lone && lone.func().isPlusMinus()) {
            return List.of(lone.args().get(0), new Node.Neg(lone.args().get(0)));
        }
        if (node instanceof Node.Add add) {
            for (int i = 0; i < add.terms().size(); i++) {
                if (add.terms().get(i) instanceof Node.Fn fn && fn.func().isPlusMinus()) {
                    List<Node> plus = new ArrayList<>(add.terms());
                    List<Node> minus = new ArrayList<>(add.terms());
                    plus.set(i, fn.args().get(0));
                    minus.set(i, new Node.Neg(fn.args().get(0)));
                    return List.of(new Node.Add(plus), new Node.Add(minus));
                }
            }
        }
        return List.of(node);
    }

    /** Splits at a separator outside any brackets; {@code \{…\}}, ( ), [ ] and { } all nest, whatever their pairing. */
    static List<String> splitTopLevel(String s, String separator) {
        List<String> parts = new ArrayList<>();
        int level = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i += width(s, i)) {
            int step = nesting(s, i);
            level += step;
            if (step == 0 && level == 0 && s.startsWith(separator, i)) {
                parts.add(s.substring(start, i).strip());
                start = i + separator.length();
                i = start - 1;
            }
        }
        parts.add(s.substring(start).strip());
        parts.removeIf(String::isEmpty);
        return parts;
    }

    /** +1 at an opening bracket, −1 at a closing one ({@code \{}, {@code \}} included), 0 elsewhere. */
    private static int nesting(String s, int i) {
        char c = s.charAt(i);
        if (c == '\\' && i + 1 < s.length()) {
            char next = s.charAt(i + 1);
            return next == '{' ? 1 : next == '}' ? -1 : 0;
        }
        return c == '(' || c == '[' || c == '{' ? 1 : c == ')' || c == ']' || c == '}' ? -1 : 0;
    }

    /** Characters taken by the bracket at i: two for an escaped brace. */
    private static int width(String s, int i) {
        return s.charAt(i) == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '{' || s.charAt(i + 1) == '}') ? 2 : 1;
    }

    /**
     * The elements of a set or list; an element written with ± is two elements ({1 ± √5, −2} has three), since a
     * set of sets is not what the writer meant.
     */
    private static List<Answer> elements(List<String> parts, int depth) {
        List<Answer> out = new ArrayList<>();
        for (String part : parts) {
            Answer element = structure(part, depth + 1);
            boolean plusMinus = (part.contains("\\pm") || part.contains("\\mp")) && !part.startsWith("\\{")
                    && !part.startsWith("{") && element instanceof Answer.SetOf set
                    && set.elements().stream().allMatch(Answer.Scalar.class::isInstance);
            if (plusMinus) {
                out.addAll(((Answer.SetOf) element).elements());
            } else {
                out.add(element);
            }
        }
        return out;
    }

    /** Parts joined by "or" as one union when they are bounds on one variable; null otherwise. */
    private static Answer orUnion(List<String> parts, int depth) {
        try {
            return ConditionSets.orUnion(parts.stream().map(p -> structure(p, depth + 1)).toList());
        } catch (ExpressionParser.ParseException e) {
            return null;
        }
    }

    /**
     * "Maximum = 2", "Paolo: 18": a value named by a word (three letters or more, any script). The name becomes one
     * variable, so a list of such values is compared name by name and swapped names do not match.
     */
    private static Answer labelled(String s, int depth) {
        Matcher m = WORD_LABEL.matcher(s);
        if (!m.matches() || m.group(1).replaceAll("[\\s'’]", "").length() < 3 || splitTopLevel(m.group(2), "=").size() > 1
                || FUNCTION_WORDS.contains(m.group(1).strip().toLowerCase(Locale.ROOT))) {
            return null;
        }
        Answer value = structure(m.group(2), depth + 1);
        if (!(value instanceof Answer.Scalar scalar)) {
            return value;
        }
        Node label = new Node.Sym(m.group(1).strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
        return new Answer.Relation(List.of(label, scalar.value()), List.of("="));
    }

    private static List<String> splitTopLevelWords(String s, Pattern words) {
        Matcher m = words.matcher(s);
        if (!m.find()) {
            return List.of(s);
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        m.reset();
        while (m.find()) {
            parts.add(s.substring(start, m.start()).strip());
            start = m.end();
        }
        parts.add(s.substring(start).strip());
        parts.removeIf(String::isEmpty);
        return parts;
    }

    /** Index of the bracket closing the one at {@code open}, or -1. */
    static int matchingClose(String s, int open) {
        int level = 0;
        for (int i = open; i < s.length(); i += width(s, i)) {
            int step = nesting(s, i);
            level += step;
            if (step < 0 && level == 0) {
                return i;
            }
        }
        return -1;
    }

    /** "No" is the word, not the product N·o. */
    private static final Pattern YES_NO = Pattern.compile("(?i)yes|no");
    private static final List<String> UNITS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
            "eighteen", "nineteen");
    private static final List<String> TENS = List.of("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
            "eighty", "ninety");
    private static final Pattern NUMBER_WORD = Pattern.compile("(?i)([a-z]+)(?:[- ]([a-z]+))?");

    /** A number written in English words, zero to ninety-nine ("five", "Twelve", "twenty-one"), else null. */
    static Integer numberWord(String s) {
        Matcher m = NUMBER_WORD.matcher(s.strip());
        if (!m.matches()) {
            return null;
        }
        String first = m.group(1).toLowerCase(Locale.ROOT);
        String second = m.group(2) == null ? null : m.group(2).toLowerCase(Locale.ROOT);
        int tens = TENS.indexOf(first);
        if (second == null) {
            int unit = UNITS.indexOf(first);
            return unit >= 0 ? Integer.valueOf(unit) : tens >= 2 ? Integer.valueOf(tens * 10) : null;
        }
        int unit = UNITS.indexOf(second);
        return tens >= 2 && unit >= 1 && unit <= 9 ? Integer.valueOf(tens * 10 + unit) : null;
    }

    private static int longestWord(String s) {
        int best = 0;
        for (String word : s.split("\\s+")) {
            best = Math.max(best, word.length());
        }
        return best;
    }
}

package dev.rewards.math.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser from normalized LaTeX or plain text to {@link Node}. Nesting is bounded, so a 1,000-deep
 * {@code \frac} is rejected instead of overflowing the stack; anything it does not understand is a
 * {@link ParseException}, never a guess.
 */
public final class ExpressionParser {

    public static final int MAX_DEPTH = 60;

    public static final class ParseException extends RuntimeException {
        ParseException(String message) {
            super(message, null, false, false);
        }
    }

    private static final Set<String> FUNCTIONS = Set.of("sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos",
            "arctan", "sinh", "cosh", "tanh", "log", "ln", "lg", "exp", "sqrt", "abs", "floor", "ceil");
    private static final Set<String> GREEK = Set.of("alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta",
            "eta", "theta", "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon",
            "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Sigma", "Phi", "Psi",
            "Omega");

    private final String s;
    private int pos;
    private int depth;

    private ExpressionParser(String s) {
        this.s = s;
    }

    public static Node parse(String text) {
        ExpressionParser parser = new ExpressionParser(text);
        parser.skipSpaces();
        if (parser.atEnd()) {
            throw new ParseException("empty expression");
        }
        Node node = parser.expression();
        parser.skipSpaces();
        if (!parser.atEnd()) {
            throw new ParseException("unexpected '" + parser.s.charAt(parser.pos) + "' at " + parser.pos);
        }
        return stripLiterals(node);
    }

    private Node expression() {
        enter();
        try {
            skipSpaces();
            List<Node> terms = new ArrayList<>();
            boolean negate = false;
            if (lookingAt("\\pm") || lookingAt("\\mp")) {
                pos += 3;
                Node t = term();
                if (peekNonSpace() == '\0') {
                    return new Node.Fn(Func.PLUS_MINUS, t);
                }
                terms.add(new Node.Fn(Func.PLUS_MINUS, t));
                return continueSum(terms);
            }
            if (peek() == '-' || peek() == '+') {
                negate = next() == '-';
            }
            Node first = term();
            terms.add(negate ? new Node.Neg(first) : first);
            return continueSum(terms);
        } finally {
            depth--;
        }
    }

    private Node continueSum(List<Node> terms) {
        {
            while (true) {
                skipSpaces();
                char c = peek();
                if (c == '+' || c == '-') {
                    pos++;
                    Node t = term();
                    terms.add(c == '-' ? new Node.Neg(t) : t);
                } else if (lookingAt("\\pm") || lookingAt("\\mp")) {
                    boolean plusFirst = lookingAt("\\pm");
                    pos += 3;
                    Node t = term();
                    terms.add(new Node.Fn(plusFirst ? Func.PLUS_MINUS : Func.MINUS_PLUS, t));
                } else {
                    break;
                }
            }
            return terms.size() == 1 ? terms.get(0) : new Node.Add(terms);
        }
    }

    private Node term() {
        List<Node> factors = new ArrayList<>();
        factors.add(unary());
        while (true) {
            skipSpaces();
            if (peek() == '*' || lookingAt("\\cdot") || lookingAt("\\times") || lookingAt("\\ast")) {
                pos += peek() == '*' ? 1 : lookingAt("\\cdot") ? 5 : lookingAt("\\times") ? 6 : 4;
                factors.add(unary());
            } else if (lookingAt("\\bmod") || lookingAt("\\mod")) {
                pos += lookingAt("\\bmod") ? 5 : 4;
                Node dividend = factors.size() == 1 ? factors.get(0) : new Node.Mul(factors);
                factors = new ArrayList<>(List.of(remainder(dividend, unary())));
            } else if (peek() == '/' || peek() == ':' || lookingAt("\\div")) {
                pos += peek() == '/' || peek() == ':' ? 1 : 4;
                factors.add(new Node.Pow(unary(), Node.integer(-1)));
            } else if (startsPrimary()) {
                Node previous = factors.get(factors.size() - 1);
                Node next = unary();
                if (factors.size() == 1 && isMixedNumber(previous, next)) {
                    factors.set(0, new Node.Add(List.of(previous, next)));
                } else {
                    factors.add(next);
                }
            } else {
                break;
            }
        }
        return factors.size() == 1 ? factors.get(0) : new Node.Mul(factors);
    }

    /** {@code 2\frac{5}{8}} is two and five eighths: an integer literal directly followed by a numeric fraction. */
    private static boolean isMixedNumber(Node previous, Node next) {
        return previous instanceof Node.Num whole && !whole.decimal() && whole.denominator().equals(BigInteger.ONE)
                && whole.numerator().signum() > 0
                && next instanceof Node.Fn fn && fn.func() == Func.FRACTION_LITERAL;
    }

    private Node unary() {
        skipSpaces();
        if (peek() == '-') {
            pos++;
            return new Node.Neg(unary());
        }
        if (peek() == '+') {
            pos++;
            return unary();
        }
        return power();
    }

    private Node power() {
        enter();
        try {
            Node base = postfix(primary());
            skipSpaces();
            if (peek() == '^') {
                pos++;
                skipSpaces();
                Node exponent;
                if (peek() == '{') {
                    exponent = group();
                } else if (peek() == '-' || peek() == '+') {
                    boolean negative = next() == '-';
                    Node e = postfix(primary());
                    exponent = negative ? new Node.Neg(e) : e;
                } else {
                    exponent = postfix(primary());
                }
                return new Node.Pow(unwrapLiteral(base), unwrapLiteral(exponent));
            }
            return base;
        } finally {
            depth--;
        }
    }

    private Node postfix(Node node) {
        while (true) {
            skipSpaces();
            if (peek() == '!') {
                pos++;
                node = new Node.Fn(Func.FACTORIAL, unwrapLiteral(node));
            } else {
                return node;
            }
        }
    }

    private Node primary() {
        enter();
        try {
            skipSpaces();
            if (atEnd()) {
                throw new ParseException("expression ends too early");
            }
            char c = peek();
            if (Character.isDigit(c) || (c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1)))) {
                return number();
            }
            if (c == '(' || c == '[') {
                pos++;
                Node inner = expression();
                expect(c == '(' ? ')' : ']');
                return inner;
            }
            if (c == '{') {
                return group();
            }
            if (c == '|') {
                pos++;
                Node inner = expression();
                expect('|');
                return new Node.Fn(Func.ABS, inner);
            }
            if (c == '\\') {
                return command();
            }
            if (Character.isLetter(c)) {
                return word();
            }
            throw new ParseException("unexpected '" + c + "' at " + pos);
        } finally {
            depth--;
        }
    }

    private Node group() {
        expect('{');
        Node inner = expression();
        expect('}');
        return inner;
    }

    private Node number() {
        int start = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            pos++;
        }
        int decimals = 0;
        boolean decimal = false;
        if (pos < s.length() && s.charAt(pos) == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1))) {
            decimal = true;
            pos++;
            int fraction = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            decimals = pos - fraction;
        }
        String digits = s.substring(start, pos);
        boolean bracedBase = pos + 2 < s.length() && s.charAt(pos) == '_' && s.charAt(pos + 1) == '{';
        if (!decimal && pos + 1 < s.length() && s.charAt(pos) == '_'
                && (Character.isLetterOrDigit(s.charAt(pos + 1)) || bracedBase)) {
            int end = pos + (bracedBase ? 2 : 1);
            int from = end;
            while (end < s.length() && Character.isLetterOrDigit(s.charAt(end))) {
                end++;
            }
            String base = s.substring(from, end);
            if (bracedBase && (end >= s.length() || s.charAt(end) != '}' || base.isEmpty())) {
                throw new ParseException("unclosed base subscript");
            }
            pos = bracedBase ? end + 1 : end;
            // A numeral in another base (204_5) is compared as written.
            return new Node.Sym(digits + "_" + base);
        }
        if (digits.length() > 2000) {
            throw new ParseException("number too long");
        }
        BigInteger numerator = new BigInteger(digits.replace(".", "").isEmpty() ? "0" : digits.replace(".", ""));
        BigInteger denominator = BigInteger.TEN.pow(decimals);
        int exponent = scientificExponent();
        if (exponent != 0) {
            if (exponent > 0) {
                numerator = numerator.multiply(BigInteger.TEN.pow(exponent));
            } else {
                denominator = denominator.multiply(BigInteger.TEN.pow(-exponent));
            }
            decimal = true;
        }
        return new Node.Num(numerator, denominator, decimal, decimals);
    }

    /** {@code 1.5e3} / {@code 2E-4}: an exponent only when digits follow, so {@code 2e} stays 2·e. */
    private int scientificExponent() {
        if (pos + 1 >= s.length() || (s.charAt(pos) != 'e' && s.charAt(pos) != 'E')) {
            return 0;
        }
        int p = pos + 1;
        boolean negative = false;
        if (s.charAt(p) == '+' || s.charAt(p) == '-') {
            negative = s.charAt(p) == '-';
            p++;
        }
        int start = p;
        while (p < s.length() && Character.isDigit(s.charAt(p)) && p - start < 4) {
            p++;
        }
        if (p == start || (p < s.length() && Character.isLetterOrDigit(s.charAt(p)))) {
            return 0;
        }
        pos = p;
        int value = Integer.parseInt(s.substring(start, p));
        return negative ? -value : value;
    }

    private Node command() {
        int start = pos;
        pos++;
        if (pos < s.length() && !Character.isLetter(s.charAt(pos))) {
            char c = s.charAt(pos++);
            if (c == '{') {
                Node inner = expression();
                if (!lookingAt("\\}")) {
                    throw new ParseException("unclosed \\{");
                }
                pos += 2;
                return inner;
            }
            throw new ParseException("unsupported command \\" + c);
        }
        while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
            pos++;
        }
        String name = s.substring(start + 1, pos);
        switch (name) {
            case "frac": {
                Node numerator = argument();
                Node denominator = argument();
                Node fraction = new Node.Mul(List.of(numerator, new Node.Pow(denominator, Node.integer(-1))));
                boolean literal = numerator instanceof Node.Num a && !a.decimal()
                        && denominator instanceof Node.Num b && !b.decimal();
                return literal ? new Node.Fn(Func.FRACTION_LITERAL, fraction) : fraction;
            }
            case "sqrt": {
                skipSpaces();
                if (peek() == '[') {
                    pos++;
                    Node index = expression();
                    expect(']');
                    return new Node.Fn(Func.ROOT, List.of(argument(), index));
                }
                return new Node.Fn(Func.SQRT, argument());
            }
            case "binom", "choose":
                return new Node.Fn(Func.BINOM, List.of(argument(), argument()));
            case "pi":
                return new Node.Sym("pi");
            case "infty", "infin":
                return new Node.Sym("inf");
            case "exp":
                return new Node.Fn(Func.EXP, functionArgument());
            case "log", "ln", "lg": {
                skipSpaces();
                Node base = null;
                if (peek() == '_') {
                    pos++;
                    base = subscript(true);
                }
                Node arg = functionArgument();
                if (base != null) {
                    return new Node.Fn(Func.LOGB, List.of(arg, base));
                }
                return new Node.Fn(name.equals("lg") ? Func.LOG10 : Func.LN, arg);
            }
            case "e":
                return new Node.Sym("e");
            case "max", "min":
                return extremum(name.equals("max"), arguments());
            case "gcd", "lcm":
                return divisorFunction(name.equals("gcd"), arguments());
            default:
                if (FUNCTIONS.contains(name)) {
                    return trigFunction(name);
                }
                if (GREEK.contains(name)) {
                    return subscripted(new Node.Sym(name));
                }
                throw new ParseException("unsupported command \\" + name);
        }
    }

    /** The bracketed, comma-separated arguments of \\max, \\min, \\gcd, \\lcm. */
    private List<Node> arguments() {
        skipSpaces();
        if (peek() != '(') {
            throw new ParseException("expected '(' after a function of several arguments at " + pos);
        }
        pos++;
        List<Node> args = new ArrayList<>();
        while (true) {
            args.add(expression());
            skipSpaces();
            if (peek() == ',') {
                pos++;
            } else {
                expect(')');
                return args;
            }
        }
    }

    /**
     * max and min of rationals are the value; with variables, max(a, b) = (a + b + |a − b|)/2 and min(a, b) =
     * (a + b − |a − b|)/2 on the reals, so the comparison needs no function of its own (and samples at the kink).
     */
    private static Node extremum(boolean max, List<Node> args) {
        Node result = args.get(0);
        for (Node next : args.subList(1, args.size())) {
            Exact.Rational a = rationalOrNull(result);
            Exact.Rational b = rationalOrNull(next);
            if (a != null && b != null) {
                result = (a.compareTo(b) >= 0) == max ? result : next;
                continue;
            }
            Node spread = new Node.Fn(Func.ABS, new Node.Add(List.of(result, new Node.Neg(next))));
            Node sum = new Node.Add(List.of(result, next, max ? spread : new Node.Neg(spread)));
            result = new Node.Mul(List.of(sum, new Node.Pow(Node.integer(2), Node.integer(-1))));
        }
        return result;
    }

    private static Exact.Rational rationalOrNull(Node node) {
        try {
            return Exact.eval(stripLiterals(node));
        } catch (Exact.TooLarge e) {
            return null;
        }
    }

    /** gcd and lcm of integers, evaluated; of anything else, not an answer we can read. */
    private static Node divisorFunction(boolean gcd, List<Node> args) {
        BigInteger result = null;
        for (Node arg : args) {
            BigInteger n = integerValue(arg);
            if (result == null) {
                result = n.abs();
            } else if (gcd) {
                result = result.gcd(n);
            } else {
                BigInteger g = result.gcd(n);
                result = g.signum() == 0 ? BigInteger.ZERO : result.multiply(n.abs()).divide(g);
            }
            if (result.bitLength() > 4096) {
                throw new ParseException("lcm too large");
            }
        }
        return new Node.Num(result, BigInteger.ONE, false, 0);
    }

    /** a mod n of integers, as the least non-negative remainder. */
    private static Node remainder(Node dividend, Node divisor) {
        BigInteger n = integerValue(divisor);
        if (n.signum() == 0) {
            throw new ParseException("mod 0");
        }
        return new Node.Num(integerValue(dividend).mod(n.abs()), BigInteger.ONE, false, 0);
    }

    private static BigInteger integerValue(Node node) {
        Exact.Rational value;
        try {
            value = Exact.eval(stripLiterals(node));
        } catch (Exact.TooLarge e) {
            throw new ParseException("integer too large");
        }
        if (value == null || !value.den().equals(BigInteger.ONE)) {
            throw new ParseException("an integer is needed here");
        }
        return value.num();
    }

    /** {@code \sin x}, {@code \sin(x)}, {@code \sin^2 x} = (sin x)², {@code \sin^{-1} x} = arcsin x. */
    private Node trigFunction(String name) {
        skipSpaces();
        Node power = null;
        if (peek() == '^') {
            pos++;
            skipSpaces();
            power = peek() == '{' ? group() : postfix(primary());
        }
        Node arg = functionArgument();
        if (power instanceof Node.Neg neg && neg.value() instanceof Node.Num one && isOne(one)) {
            return new Node.Fn(function("arc" + name), arg);
        }
        Node applied = new Node.Fn(function(name), arg);
        return power == null ? applied : new Node.Pow(applied, power);
    }

    private Node functionArgument() {
        skipSpaces();
        if (peek() == '(' || peek() == '{' || peek() == '[') {
            return primary();
        }
        List<Node> factors = new ArrayList<>();
        factors.add(power());
        while (true) {
            skipSpaces();
            if (atEnd() || !(Character.isLetterOrDigit(peek()) || continuesArgument())) {
                break;
            }
            factors.add(power());
        }
        return factors.size() == 1 ? factors.get(0) : new Node.Mul(factors);
    }

    /**
     * {@code \tan \frac{7}{5}\pi} is tan(7π/5): an argument written without brackets runs on through fractions,
     * roots, π and Greek letters, and stops at an operator or the next function ({@code \sin x \cos x}).
     */
    private boolean continuesArgument() {
        if (peek() != '\\') {
            return false;
        }
        int end = pos + 1;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        String name = s.substring(pos + 1, end);
        return name.equals("frac") || name.equals("sqrt") || name.equals("pi") || GREEK.contains(name);
    }

    /** A LaTeX argument: a braced group, or one character / one command. */
    private Node argument() {
        skipSpaces();
        if (peek() == '{') {
            return group();
        }
        if (peek() == '\\') {
            return command();
        }
        if (Character.isDigit(peek())) {
            char digit = next();
            return Node.integer(digit - '0');
        }
        if (Character.isLetter(peek())) {
            return new Node.Sym(String.valueOf(next()));
        }
        throw new ParseException("missing argument at " + pos);
    }

    /** Plain-text names: sqrt(2), sin x, pi, inf; any other letters are single-letter variables, multiplied. */
    private Node word() {
        int start = pos;
        while (pos < s.length() && Character.isLetter(s.charAt(pos)) && s.charAt(pos) < 0x80) {
            pos++;
        }
        if (pos == start) {
            throw new ParseException("unexpected '" + s.charAt(pos) + "'");
        }
        String word = s.substring(start, pos);
        String lower = word.toLowerCase(Locale.ROOT);
        if (FUNCTIONS.contains(lower) && (peekNonSpace() == '(' || lower.equals("sqrt"))) {
            Node arg = functionArgument();
            return switch (lower) {
                case "log", "ln" -> new Node.Fn(Func.LN, arg);
                case "lg" -> new Node.Fn(Func.LOG10, arg);
                default -> new Node.Fn(function(lower), arg);
            };
        }
        if (lower.equals("pi")) {
            return new Node.Sym("pi");
        }
        if (lower.equals("inf") || lower.equals("infinity") || lower.equals("infty")) {
            return new Node.Sym("inf");
        }
        // Letters glued together are a product of variables (xy = x·y); a subscript binds to the last letter.
        List<Node> letters = new ArrayList<>();
        for (int i = 0; i < word.length(); i++) {
            letters.add(new Node.Sym(String.valueOf(word.charAt(i))));
        }
        Node last = letters.remove(letters.size() - 1);
        letters.add(subscripted((Node.Sym) last));
        return letters.size() == 1 ? letters.get(0) : new Node.Mul(letters);
    }

    /**
     * A variable with its subscript, if one follows: {@code a_{n-1}} is one name, never a_n − 1, and {@code x_{10}}
     * or plain {@code x_10} is x sub 10, never x_1·0. A compound subscript keeps its braces in the name.
     */
    private Node.Sym subscripted(Node.Sym variable) {
        skipSpaces();
        if (peek() != '_') {
            return variable;
        }
        pos++;
        Node subscript = subscript(false);
        String text = Printer.print(subscript);
        boolean atom = subscript instanceof Node.Sym || subscript instanceof Node.Num n && !n.decimal()
                && n.denominator().equals(BigInteger.ONE);
        return new Node.Sym(variable.name() + "_" + (atom ? text : "{" + text + "}"));
    }

    /**
     * What follows '_': a braced group read whole, a letter or command, or digits. A variable's unbraced digits are
     * one number (x_10); a logarithm's base is a run of digits only before a space or bracket ({@code \log_10 x},
     * but {@code \log_28} is log base 2 of 8, as LaTeX reads it).
     */
    private Node subscript(boolean logBase) {
        skipSpaces();
        if (!Character.isDigit(peek())) {
            return argument();
        }
        int end = pos;
        while (end < s.length() && Character.isDigit(s.charAt(end)) && end - pos < 9) {
            end++;
        }
        boolean run = !logBase || end >= s.length() || " ({[\\".indexOf(s.charAt(end)) >= 0;
        if (!run) {
            end = pos + 1;
        }
        Node digits = Node.integer(Long.parseLong(s.substring(pos, end)));
        pos = end;
        return digits;
    }

    private boolean startsPrimary() {
        skipSpaces();
        if (atEnd()) {
            return false;
        }
        char c = peek();
        if (Character.isLetterOrDigit(c) || c == '(' || c == '{' || c == '.') {
            return Character.isLetterOrDigit(c) || c == '(' || c == '{'
                    || (pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1)));
        }
        if (c == '\\') {
            return !(lookingAt("\\cdot") || lookingAt("\\times") || lookingAt("\\div") || lookingAt("\\pm")
                    || lookingAt("\\mp") || lookingAt("\\}") || lookingAt("\\cup") || lookingAt("\\cap")
                    || lookingAt("\\in") || lookingAt("\\to") || lookingAt("\\ast"));
        }
        return false;
    }

    private static Func function(String name) {
        Func function = Func.named(name);
        if (function == null || function.isMarker()) {
            throw new ParseException("unknown function " + name);
        }
        return function;
    }

    private static Node unwrapLiteral(Node node) {
        return node instanceof Node.Fn fn && fn.func() == Func.FRACTION_LITERAL ? fn.arg() : node;
    }

    static Node stripLiterals(Node node) {
        return Nodes.map(node, ExpressionParser::unwrapLiteral);
    }

    private static boolean isOne(Node.Num num) {
        return num.numerator().equals(BigInteger.ONE) && num.denominator().equals(BigInteger.ONE);
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new ParseException("nesting deeper than " + MAX_DEPTH);
        }
    }

    private void expect(char c) {
        skipSpaces();
        if (atEnd() || s.charAt(pos) != c) {
            throw new ParseException("expected '" + c + "' at " + pos);
        }
        pos++;
    }

    private boolean lookingAt(String prefix) {
        if (!s.startsWith(prefix, pos)) {
            return false;
        }
        int end = pos + prefix.length();
        return !Character.isLetter(prefix.charAt(prefix.length() - 1)) || end >= s.length()
                || !Character.isLetter(s.charAt(end));
    }

    private char peek() {
        return atEnd() ? '\0' : s.charAt(pos);
    }

    private char peekNonSpace() {
        int p = pos;
        while (p < s.length() && s.charAt(p) == ' ') {
            p++;
        }
        return p < s.length() ? s.charAt(p) : '\0';
    }

    private char next() {
        return s.charAt(pos++);
    }

    private boolean atEnd() {
        return pos >= s.length();
    }

    private void skipSpaces() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }
}

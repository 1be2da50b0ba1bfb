package dev.rewards.math;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.form.tex.TeXParser;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Whether a mutant is really unequal to its gold, decided without the verifier: exact decimal arithmetic for plain
 * numbers, otherwise Symja's own LaTeX parser and {@code Simplify} of the difference over the reals. It only ever
 * rules a mutant out when it proves the two EQUAL (|3| for 3, a swap of equal entries); a mutant it cannot read
 * stays, being unequal by construction. One instance per thread (Symja's engine is not thread-safe).
 */
final class IndependentCheck {

    enum Result { EQUAL, UNEQUAL, UNKNOWN }

    private final ExprEvaluator evaluator = new ExprEvaluator(false, (short) 100);

    IndependentCheck() {
        var engine = evaluator.getEvalEngine();
        engine.setQuietMode(true);
        engine.setOutPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        engine.setErrorPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    }

    private String cachedGold;
    private IExpr cachedParse;

    Result compare(String gold, String mutant) {
        BigInteger[] g = rational(gold);
        BigInteger[] m = rational(mutant);
        if (g != null && m != null) {
            return g[0].multiply(m[1]).equals(m[0].multiply(g[1])) ? Result.EQUAL : Result.UNEQUAL;
        }
        try {
            if (!gold.equals(cachedGold)) {
                cachedParse = parse(gold);
                cachedGold = gold;
            }
            IExpr parsedGold = cachedParse;
            IExpr parsedMutant = parse(mutant);
            if (parsedGold == null || parsedMutant == null) {
                return Result.UNKNOWN;
            }
            return same(parsedGold, parsedMutant);
        } catch (RuntimeException | StackOverflowError e) {
            return Result.UNKNOWN;
        }
    }

    private Result same(IExpr gold, IExpr mutant) {
        if ((gold.isList() && mutant.isList()) || (gold.isAST(org.matheclipse.core.expression.S.Equal)
                && mutant.isAST(org.matheclipse.core.expression.S.Equal))) {
            IAST g = (IAST) gold;
            IAST m = (IAST) mutant;
            if (g.argSize() != m.argSize()) {
                return Result.UNKNOWN;
            }
            Result all = Result.EQUAL;
            for (int i = 1; i <= g.argSize(); i++) {
                Result r = same(g.get(i), m.get(i));
                if (r == Result.UNEQUAL) {
                    return Result.UNEQUAL;
                }
                if (r == Result.UNKNOWN) {
                    all = Result.UNKNOWN;
                }
            }
            return all;
        }
        if (gold.isList() || mutant.isList()) {
            return Result.UNKNOWN;
        }
        IExpr difference = evaluator.eval("Subtract(" + gold + "," + mutant + ")");
        if (difference.isZero()) {
            return Result.EQUAL;
        }
        if (difference.isNumber()) {
            return Result.UNEQUAL;
        }
        // PossibleZeroQ is numeric: "maybe equal" only ever drops a mutant, which costs coverage, never a false alarm
        if (evaluator.eval("PossibleZeroQ(" + difference + ")").isTrue()) {
            return Result.EQUAL;
        }
        if (difference.toString().contains("Abs")) {
            // |x|² = x² over the reals, which PossibleZeroQ (sampling complex points) does not see
            IExpr variables = evaluator.eval("Variables(" + difference + ")");
            StringBuilder assumptions = new StringBuilder("True");
            for (IExpr v : (IAST) variables) {
                assumptions.append(" && Element(").append(v).append(", Reals)");
            }
            if (evaluator.eval("Simplify(" + difference + ", " + assumptions + ")").isZero()) {
                return Result.EQUAL;
            }
        }
        return Result.UNKNOWN;
    }

    private IExpr parse(String latex) {
        String s = latex.replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac").replace("$", "")
                .replaceAll("\\\\frac(\\d)(\\d)", "\\\\frac{$1}{$2}").replaceAll("\\\\sqrt(\\d)", "\\\\sqrt{$1}");
        if (!s.contains("\\left|")) {
            s = pairBars(s);
        }
        IExpr parsed = evaluator.eval(new TeXParser().parse(s));
        String text = parsed.toString();
        if (text.contains("Null") || text.contains("$Aborted") || text.contains("Hold")) {
            return null;
        }
        return parsed;
    }

    /** Symja's TeX parser reads |x| only as \left| … \right|. */
    private static String pairBars(String s) {
        StringBuilder out = new StringBuilder();
        boolean open = true;
        for (char c : s.toCharArray()) {
            if (c == '|') {
                out.append(open ? "\\left|" : "\\right|");
                open = !open;
            } else {
                out.append(c);
            }
        }
        return open ? out.toString() : s;
    }

    private static final java.util.regex.Pattern RATIONAL = java.util.regex.Pattern.compile(
            "(-?)(?:(\\d+(?:\\.\\d+)?)|\\\\d?frac\\{(-?\\d+)\\}\\{(\\d+)\\}|(-?\\d+)/(\\d+))");

    /** Integers, decimals, \\frac{p}{q} and p/q with an optional sign, as numerator and denominator; else null. */
    private static BigInteger[] rational(String text) {
        java.util.regex.Matcher m = RATIONAL.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        BigInteger numerator;
        BigInteger denominator;
        if (m.group(2) != null) {
            BigDecimal value = new BigDecimal(m.group(2));
            numerator = value.unscaledValue();
            denominator = BigInteger.TEN.pow(Math.max(0, value.scale()));
        } else if (m.group(3) != null) {
            numerator = new BigInteger(m.group(3));
            denominator = new BigInteger(m.group(4));
        } else {
            numerator = new BigInteger(m.group(5));
            denominator = new BigInteger(m.group(6));
        }
        if (denominator.signum() == 0) {
            return null;
        }
        return new BigInteger[] {m.group(1).isEmpty() ? numerator : numerator.negate(), denominator};
    }
}

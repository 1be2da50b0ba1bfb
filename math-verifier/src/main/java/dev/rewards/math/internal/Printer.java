package dev.rewards.math.internal;

import java.math.BigInteger;
import java.util.stream.Collectors;

/** A canonical, readable text form of a parsed expression (the {@code answer_form}/{@code gold_form} of a verdict). */
public final class Printer {

    private Printer() {
    }

    public static String print(Node node) {
        if (node instanceof Node.Num num) {
            if (num.denominator().equals(BigInteger.ONE)) {
                return num.numerator().toString();
            }
            if (num.decimal()) {
                return new java.math.BigDecimal(num.numerator()).divide(new java.math.BigDecimal(num.denominator()))
                        .toPlainString();
            }
            return num.numerator() + "/" + num.denominator();
        }
        if (node instanceof Node.Sym sym) {
            return sym.name();
        }
        if (node instanceof Node.Add add) {
            StringBuilder out = new StringBuilder();
            for (Node term : add.terms()) {
                if (term instanceof Node.Neg neg) {
                    out.append(out.isEmpty() ? "-" : " - ").append(wrap(neg.value(), 1));
                } else {
                    out.append(out.isEmpty() ? "" : " + ").append(wrap(term, 1));
                }
            }
            return out.toString();
        }
        if (node instanceof Node.Mul mul) {
            return mul.factors().stream().map(f -> wrap(f, 2)).collect(Collectors.joining("*"));
        }
        if (node instanceof Node.Pow pow) {
            return wrap(pow.base(), 3) + "^" + wrap(pow.exponent(), 3);
        }
        if (node instanceof Node.Neg neg) {
            return "-" + wrap(neg.value(), 2);
        }
        Node.Fn fn = (Node.Fn) node;
        return fn.func().printed() + "(" + fn.args().stream().map(Printer::print).collect(Collectors.joining(", ")) + ")";
    }

    private static String wrap(Node node, int level) {
        int own = node instanceof Node.Add ? 1 : node instanceof Node.Mul || node instanceof Node.Neg ? 2
                : node instanceof Node.Pow ? 3 : 4;
        if (node instanceof Node.Num num && (!num.denominator().equals(BigInteger.ONE) && !num.decimal()
                || num.numerator().signum() < 0)) {
            own = 2;
        }
        String text = print(node);
        return own <= level ? "(" + text + ")" : text;
    }
}

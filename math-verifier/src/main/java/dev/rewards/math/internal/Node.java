package dev.rewards.math.internal;

import java.math.BigInteger;
import java.util.List;

/** A parsed mathematical expression. Structures (sets, tuples, intervals, matrices) live in {@link Answer}. */
public sealed interface Node {

    /** An exact number: an integer, a fraction, or a decimal literal (flagged, since it may be a rounding). */
    record Num(BigInteger numerator, BigInteger denominator, boolean decimal, int decimals) implements Node {
    }

    /** A variable or named constant: pi, e, i, infinity, or a letter such as x. */
    record Sym(String name) implements Node {
    }

    record Add(List<Node> terms) implements Node {
    }

    record Mul(List<Node> factors) implements Node {
    }

    record Pow(Node base, Node exponent) implements Node {
    }

    record Neg(Node value) implements Node {
    }

    /** A function application: sqrt, root, sin, cos, tan, log, ln, exp, factorial, binom, abs, … */
    record Fn(Func func, List<Node> args) implements Node {
        public Fn(Func func, Node arg) {
            this(func, List.of(arg));
        }

        /** The first (for most functions the only) argument. */
        public Node arg() {
            return args.get(0);
        }
    }

    static Num integer(long value) {
        return new Num(BigInteger.valueOf(value), BigInteger.ONE, false, 0);
    }
}

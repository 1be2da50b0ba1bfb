package dev.rewards.math.internal;

import java.math.BigInteger;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.matheclipse.core.basic.Config;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Symbolic fallback through Symja, used only when exact and numeric evaluation cannot decide. Symja's engine is not
 * thread-safe, so each worker thread owns one, reset before every use so that no definition leaks between items.
 * Its timeouts are cooperative: a watchdog asks the engine to stop at the deadline, and what reaches Symja is bounded
 * beforehand (size, exponents, factorials) so that a stop request is honoured within milliseconds.
 */
public final class Symja {

    static final int MAX_INPUT_LENGTH = 400;

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "symja-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private static final ThreadLocal<ExprEvaluator> EVALUATOR = ThreadLocal.withInitial(() -> {
        ExprEvaluator evaluator = new ExprEvaluator(false, (short) 100);
        // Symja prints evaluation diagnostics ("Power: Infinite expression 1/0 encountered") to stdout, which
        // would corrupt the output of in-process callers such as ./rewards grade --json; a verdict never needs them.
        EvalEngine engine = evaluator.getEvalEngine();
        engine.setQuietMode(true);
        engine.setOutPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        engine.setErrorPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        return evaluator;
    });

    static {
        Config.MAX_AST_SIZE = 20_000;
        Config.MAX_BIT_LENGTH = 200_000;
        Config.MAX_POLYNOMIAL_DEGREE = 200;
        Config.MAX_INPUT_LEAVES = 2_000L;
        Config.MAX_MATRIX_DIMENSION_SIZE = 20;
    }

    private Symja() {
    }

    /** Pays Symja's first-use cost (class loading, rule tables: ≈1.5 s) on the calling thread. */
    public static void warmUp() {
        isZero("Sqrt(8)-2*Sqrt(2)", 10_000);
        isZero("(x+1)^2-(x^2+2*x+1)", 10_000);
    }

    /**
     * True/False when Symja proves or refutes a − b = 0, null when it cannot decide within the deadline. Only a
     * simplification to 0 proves: PossibleZeroQ is a numeric guess (it calls e^{-40} zero).
     */
    public static Boolean isZero(String difference, long deadlineMillis) {
        if (difference.length() > MAX_INPUT_LENGTH) {
            return null;
        }
        ExprEvaluator evaluator = EVALUATOR.get();
        EvalEngine engine = evaluator.getEvalEngine();
        EvalEngine.set(engine);
        engine.setStopRequested(false);
        evaluator.clearVariables();
        ScheduledFuture<?> stop = WATCHDOG.schedule(() -> engine.setStopRequested(true), deadlineMillis,
                TimeUnit.MILLISECONDS);
        try {
            IExpr simplified = evaluator.eval("Simplify(" + difference + ")");
            if (simplified.isZero()) {
                return true;
            }
            return simplified.isNumber() && !simplified.isZero() ? false : null;
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        } finally {
            stop.cancel(false);
            engine.setStopRequested(false);
        }
    }

    /** Symja input syntax for a parsed expression. */
    public static String toSymja(Node node) {
        if (node instanceof Node.Num num) {
            return num.denominator().equals(BigInteger.ONE) ? "(" + num.numerator() + ")"
                    : "(" + num.numerator() + "/" + num.denominator() + ")";
        }
        if (node instanceof Node.Sym sym) {
            return switch (sym.name()) {
                case "pi" -> "Pi";
                case "e" -> "E";
                case "i" -> "I";
                case "inf" -> "Infinity";
                default -> sym.name().matches("[A-Za-z0-9_]+")
                        ? "v" + sym.name().replace("_", "") + (Character.isUpperCase(sym.name().charAt(0)) ? "u" : "")
                        // a_{n-1} and a_{n+1} must stay two names: anything beyond letters, digits and _ is hex-coded
                        : "w" + java.util.HexFormat.of().formatHex(sym.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            };
        }
        if (node instanceof Node.Neg neg) {
            return "(-" + toSymja(neg.value()) + ")";
        }
        if (node instanceof Node.Add add) {
            return add.terms().stream().map(Symja::toSymja).collect(Collectors.joining("+", "(", ")"));
        }
        if (node instanceof Node.Mul mul) {
            return mul.factors().stream().map(Symja::toSymja).collect(Collectors.joining("*", "(", ")"));
        }
        if (node instanceof Node.Pow pow) {
            return "(" + toSymja(pow.base()) + "^" + toSymja(pow.exponent()) + ")";
        }
        Node.Fn fn = (Node.Fn) node;
        String args = fn.args().stream().map(Symja::toSymja).collect(Collectors.joining(","));
        if (fn.func() == Func.LOGB) {
            return "Log(" + toSymja(fn.args().get(1)) + "," + toSymja(fn.arg()) + ")";
        }
        return fn.func().symja() + "(" + args + ")";
    }
}

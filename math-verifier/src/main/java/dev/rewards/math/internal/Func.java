package dev.rewards.math.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The functions an expression may apply. {@link #PLUS_MINUS}, {@link #MINUS_PLUS} and {@link #FRACTION_LITERAL} are
 * markers of how the answer was written rather than functions: ± is expanded into a set by {@link AnswerParser}, and
 * a literal {@code \frac{5}{8}} (which makes {@code 2\frac{5}{8}} a mixed number) is unwrapped before the parser
 * returns; neither has a value.
 */
public enum Func {
    SQRT("sqrt", "Sqrt"),
    /** root(x, n): the n-th root. */
    ROOT("root", "Surd"),
    SIN("sin", "Sin"),
    COS("cos", "Cos"),
    TAN("tan", "Tan"),
    COT("cot", "Cot"),
    SEC("sec", "Sec"),
    CSC("csc", "Csc"),
    ARCSIN("arcsin", "ArcSin"),
    ARCCOS("arccos", "ArcCos"),
    ARCTAN("arctan", "ArcTan"),
    ARCCOT("arccot", "ArcCot"),
    ARCSEC("arcsec", "ArcSec"),
    ARCCSC("arccsc", "ArcCsc"),
    SINH("sinh", "Sinh"),
    COSH("cosh", "Cosh"),
    TANH("tanh", "Tanh"),
    ARCSINH("arcsinh", "ArcSinh"),
    ARCCOSH("arccosh", "ArcCosh"),
    ARCTANH("arctanh", "ArcTanh"),
    LN("ln", "Log"),
    LOG10("log10", "Log10"),
    /** logb(x, b): the logarithm of x to base b. */
    LOGB("logb", "Log"),
    EXP("exp", "Exp"),
    ABS("abs", "Abs"),
    FLOOR("floor", "Floor"),
    CEIL("ceil", "Ceiling"),
    FACTORIAL("factorial", "Factorial"),
    BINOM("binom", "Binomial"),
    // Opaque heads for Symja: a ± left inside a product has no value, but identical ones still cancel.
    PLUS_MINUS("pm", "Pm"),
    MINUS_PLUS("mp", "Mp"),
    FRACTION_LITERAL("frac_literal", "Hold");

    private static final Map<String, Func> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Func::printed, Function.identity()));

    private final String printed;
    private final String symja;

    Func(String printed, String symja) {
        this.printed = printed;
        this.symja = symja;
    }

    /** The name in canonical forms ({@code answer_form}), e.g. {@code sqrt}. */
    public String printed() {
        return printed;
    }

    /** Symja's head. */
    String symja() {
        return symja;
    }

    /** True for the markers of notation, which are no functions of the answer. */
    boolean isMarker() {
        return isPlusMinus() || this == FRACTION_LITERAL;
    }

    /** True for ± and ∓, which stand for two values rather than one. */
    boolean isPlusMinus() {
        return this == PLUS_MINUS || this == MINUS_PLUS;
    }

    /** The function printed as {@code name}, or null when there is none. */
    static Func named(String name) {
        return BY_NAME.get(name);
    }
}

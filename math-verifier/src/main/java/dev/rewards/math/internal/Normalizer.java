package dev.rewards.math.internal;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * String-level clean-up of a LaTeX or plain-text answer before parsing: math delimiters, spacing commands,
 * {@code \left}/{@code \right}, font and text wrappers, fraction and binomial variants, shorthand such as
 * {@code \frac12} and {@code \sqrt3}, degree and percent marks, unicode operators, thousands separators and trailing
 * unit words. Every pattern here is anchored or bounded, so none can backtrack catastrophically; the input length is
 * bounded by the caller.
 */
public final class Normalizer {

    /**
     * The cleaned text plus the decorations that were removed, which some comparisons may honour. {@code hedged}: the
     * value is negated or hedged ("not 5", "at least 5", "between 4 and 6", "≈ 5"), so it states no answer.
     */
    public record Normalized(String text, boolean percent, boolean degrees, boolean hedged, String unit) {
        public Normalized(String text, boolean percent, boolean degrees, boolean hedged) {
            this(text, percent, degrees, hedged, null);
        }
    }

    private static final String[][] REPLACEMENTS = {
            {"\\dfrac", "\\frac"}, {"\\tfrac", "\\frac"}, {"\\cfrac", "\\frac"}, {"\\dbinom", "\\binom"},
            {"\\tbinom", "\\binom"}, {"\\left", ""}, {"\\right", ""}, {"\\bigl", ""}, {"\\bigr", ""},
            {"\\Bigl", ""}, {"\\Bigr", ""}, {"\\big", ""}, {"\\Big", ""}, {"\\displaystyle", ""},
            {"\\!", ""}, {"\\,", " "}, {"\\;", " "}, {"\\:", " "}, {"\\quad", " "}, {"\\qquad", " "},
            {"\\ ", " "}, {"~", " "}, {"\\lbrace", "\\{"}, {"\\rbrace", "\\}"}, {"\\lvert", "|"},
            {"\\rvert", "|"}, {"\\vert", "|"}, {"\\mid", "|"}, {"\\lt", "<"}, {"\\gt", ">"},
            {"\\leqslant", "≤"}, {"\\geqslant", "≥"}, {"\\leq", "≤"}, {"\\geq", "≥"}, {"\\le", "≤"},
            {"\\ge", "≥"}, {"\\neq", "≠"}, {"\\ne", "≠"}, {"<=", "≤"}, {">=", "≥"}, {"!=", "≠"},
            {"\\dots", ""}, {"\\ldots", ""}, {"\\cdots", ""}, {"\\colon", ":"}, {"−", "-"}, {"–", "-"},
            {"×", "\\times "}, {"÷", "\\div "}, {"·", "\\cdot "}, {"π", "\\pi "}, {"∞", "\\infty "},
            {"√", "\\sqrt"}, {"∪", "\\cup "}, {"∩", "\\cap "}, {"∈", "\\in "}, {"±", "\\pm "},
            {"\\langle", "("}, {"\\rangle", ")"}, {"⟨", "("}, {"⟩", ")"}, {"\\vee", " or "}, {"\\lor", " or "}, {"\\wedge", " and "}, {"\\land", " and "},
            {"\\lfloor", " floor("}, {"\\rfloor", ")"}, {"\\lceil", " ceil("},
            {"\\rceil", ")"}, {"⌊", " floor("}, {"⌋", ")"}, {"⌈", " ceil("}, {"⌉", ")"}, {"\\emptyset", "\\{\\}"}, {"\\varnothing", "\\{\\}"}, {"\\varpi", "\\pi"}, {"\\tfrac", "\\frac"},
            // full-width punctuation of Chinese answers: a full-width comma is a separator, never a decimal comma
            {"，", ", "}, {"：", ": "}, {"；", "; "}};

    private static final Pattern DOUBLED_BACKSLASH = Pattern.compile("\\\\\\\\(?=[a-zA-Z(\\[\\]){}])");
    /** 3{,}14 is LaTeX for a decimal comma; 10{,}000 (three digits after it) is a thousands separator. */
    private static final Pattern LATEX_DECIMAL_COMMA = Pattern.compile("(?<![\\d{},])(\\d+)\\{,\\}(?!\\d{3}(?!\\d))(\\d+)(?![\\d{])");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("^-?\\d+,\\d+$");
    private static final Pattern THOUSANDS_ONLY = Pattern.compile("^-?[1-9]\\d{0,2}(?:,\\d{3})+$");
    private static final Pattern MIXED_NUMBER = Pattern.compile("^(\\d+)\\s+(\\d+)\\s*/\\s*(\\d+)$");
    /** A repeating decimal, 0.1\overline{6} or 0.\bar{3}; digit runs are bounded so the fraction stays small. */
    private static final Pattern REPEATING_DECIMAL =
            Pattern.compile("(?<![\\d.])(\\d{0,30})\\.(\\d{0,30})\\\\(?:overline|bar)\\s*\\{(\\d{1,30})\\}");
    /** The real line as a set: \mathbb{R}, ℝ, "x ∈ ℝ", "all real numbers" — the interval (−∞, ∞). */
    private static final Pattern ALL_REALS = Pattern.compile(
            "^(?:[a-zA-Z]\\s*\\\\in\\s*)?(?:\\\\mathbb\\s*\\{\\s*R\\s*\\}|\\\\mathbb\\s+R|\\\\R|ℝ|(?:\\\\text\\s*\\{\\s*)?all real numbers\\s*\\}?)$");
    /**
     * x_{1} is x_1; a longer subscript keeps its braces, so a_{nb} stays one name rather than a_n·b, and so does one
     * followed by a digit or letter (x_{1}0 is x_1·0, not x_10).
     */
    private static final Pattern BRACED_SUBSCRIPT = Pattern.compile("_\\{\\s*(\\w)\\s*\\}(?!\\w)");
    private static final Pattern TEXT_WRAPPER = Pattern.compile(
            "\\\\(?:text|textnormal|textbf|textit|textrm|mathrm|mathbf|mathit|mathsf|mbox|operatorname|boldsymbol|mathbb|bf|rm)\\s*\\{([^{}]{0,200})\\}");
    /**
     * "5\\,\\text{m}", "5\\ \\mathrm{m/s}^2": a short unit set as text after a number, dropped like unit words are
     * (a connective or negation in text is never a unit).
     */
    private static final Pattern TEXT_UNIT = Pattern.compile("^(.{0,400}?[0-9}])\\s*\\\\(?:text|mathrm|textrm|mbox)\\s*"
            + "\\{\\s*(?!(?:or|and|no|not|to|if)\\s*[}/])([A-Za-z]{1,3}(?:\\s*/\\s*[A-Za-z]{1,3})?)\\s*\\}(\\^\\{?[23]\\}?)?$");
    /** "**4**": Markdown bold around an answer, which is no Python power. */
    private static final Pattern MARKDOWN_BOLD = Pattern.compile("\\*\\*([^*]{1,200})\\*\\*");
    /** \\operatorname{lcm}, \\text{gcd}, \\mathrm{max}: the function, not the letters of its name. */
    private static final Pattern NAMED_OPERATOR = Pattern.compile(
            "\\\\(?:operatorname|text|mathrm|textrm)\\s*\\{\\s*(lcm|gcd|max|min)\\s*\\}");
    private static final Pattern BOXED = Pattern.compile("\\\\(?:boxed|fbox)\\s*\\{([^{}]{0,500})\\}");
    private static final Pattern FRAC_TWO_CHARS = Pattern.compile("\\\\frac\\s*([0-9a-zA-Z])\\s*([0-9a-zA-Z])");
    private static final Pattern FRAC_BRACE_CHAR = Pattern.compile("\\\\frac\\s*(\\{[^{}]{0,200}\\})\\s*([0-9a-zA-Z])");
    private static final Pattern FRAC_CHAR_BRACE = Pattern.compile("\\\\frac\\s*([0-9a-zA-Z])\\s*\\{");
    private static final Pattern SQRT_CHAR = Pattern.compile("\\\\sqrt\\s*([0-9a-zA-Z])");
    private static final Pattern DEGREES = Pattern.compile("\\^\\s*\\{?\\s*\\\\circ\\s*\\}?|°|\\\\degree");
    private static final Pattern THOUSANDS = Pattern.compile("(?<![\\d.(\\[,])(\\d{1,3})((?:,\\d{3})+)(?![\\d)\\]])");
    private static final Pattern THOUSANDS_SPACE = Pattern.compile("(?<![\\d.])(\\d{1,3})((?: \\d{3})+)(?![\\d.])");
    private static final Pattern TRAILING_UNITS = Pattern.compile(
            "^(.{0,400}?[0-9}])\\s*(?:[a-zA-Z]{2,}\\.?(?:\\^\\{?[23]\\}?)?\\s*){1,4}$");
    /**
     * Words that negate or hedge the value next to them; the unit and filler words stripped around a value must never
     * strip these. English plus the languages whose answer phrases the extractor knows.
     */
    private static final Pattern HEDGE = Pattern.compile("(?iu)(?<![\\p{L}\\\\{])(?:not|no|never|neither|nor|none|except|excluding|"
            + "between|least|most|more|less|fewer|greater|smaller|larger|above|below|maybe|perhaps|possibly|probably|"
            + "likely|unless|cannot|can't|isn't|doesn't|nicht|kein|keine|zwischen|mindestens|höchstens|pas|entre|moins|"
            + "aucun|menos|não|nao)(?![\\p{L}}])|不是|不等于|至少|至多|最多|以上|以下|之间");
    private static final Pattern MATH_CONTENT = Pattern.compile("[\\d\\\\=<>≤≥≠^_+*/()]|(?<![A-Za-z])[A-Za-z](?![A-Za-z])");
    /** 12^{\mathrm{th}}, 2^{nd}, 1º: ordinal markup after a number, not an exponent. */
    private static final Pattern ORDINAL = Pattern.compile("(?<=\\d)\\s*\\^\\s*\\{?\\s*(?:st|nd|rd|th)\\s*\\}?|(?<=\\d)[ºª]");
    private static final Pattern LEADING_WORDS = Pattern.compile("^(?:[a-zA-Z]{2,}\\s+){1,6}(?=[-0-9\\\\(\\[{$])");

    private Normalizer() {
    }

    public static Normalized normalize(String raw) {
        String s = raw.strip();
        // Answers copied from escaped JSON or Python strings: \\frac is \frac. In a matrix written with single
        // backslashes, \\ is a row separator and stays.
        if (s.contains("\\\\begin")) {
            s = s.replace("\\\\", "\\");
        } else if (!s.contains("\\begin")) {
            s = DOUBLED_BACKSLASH.matcher(s).replaceAll("\\\\");
        }
        s = MARKDOWN_BOLD.matcher(s).replaceAll("$1");
        s = stripDelimiters(s);
        s = LATEX_DECIMAL_COMMA.matcher(s).replaceAll("$1.$2");
        s = s.replace("{,}", ",").replace(",\\! ", ",").replace(",\\!", ",");
        s = approximation(s);
        // Row separators (\\\\) must survive the removal of spacing commands such as "\\ ".
        s = s.replace("\\\\", "\u0001");
        for (String[] replacement : REPLACEMENTS) {
            s = s.replace(replacement[0], replacement[1]);
        }
        s = s.replace("\u0001", "\\\\");
        s = unwrapRepeatedly(BOXED, s);
        if (ALL_REALS.matcher(s).matches()) {
            s = "(-\\infty, \\infty)";
        }
        s = NAMED_OPERATOR.matcher(s).replaceAll("\\\\$1");
        String unit = null;
        Matcher textUnit = TEXT_UNIT.matcher(s);
        if (textUnit.matches()) {
            unit = textUnit.group(2) + (textUnit.group(3) == null ? "" : textUnit.group(3));
            s = textUnit.group(1);
        }
        s = unwrapRepeatedly(TEXT_WRAPPER, s);
        s = ORDINAL.matcher(s).replaceAll("");
        boolean hedged = HEDGE.matcher(s).find() && MATH_CONTENT.matcher(s).find();
        boolean degrees = false;
        Matcher degreeMatcher = DEGREES.matcher(s);
        if (degreeMatcher.find()) {
            degrees = true;
            s = degreeMatcher.replaceAll("");
        }
        boolean percent = s.contains("%");
        s = s.replace("\\%", "").replace("%", "");
        s = s.replace("\\$", "").replace("$", "");
        s = REPEATING_DECIMAL.matcher(s).replaceAll(Normalizer::repeatingDecimal);
        s = FRAC_TWO_CHARS.matcher(s).replaceAll("\\\\frac{$1}{$2}");
        s = FRAC_BRACE_CHAR.matcher(s).replaceAll("\\\\frac$1{$2}");
        s = FRAC_CHAR_BRACE.matcher(s).replaceAll("\\\\frac{$1}{");
        s = SQRT_CHAR.matcher(s).replaceAll("\\\\sqrt{$1}");
        s = THOUSANDS.matcher(s).replaceAll(m -> m.group(1) + m.group(2).replace(",", ""));
        s = THOUSANDS_SPACE.matcher(s).replaceAll(m -> m.group(1) + m.group(2).replace(" ", ""));
        s = BRACED_SUBSCRIPT.matcher(s).replaceAll("_$1");
        s = s.strip();
        while (!s.isEmpty() && ".;,\\".indexOf(s.charAt(s.length() - 1)) >= 0) {
            s = s.substring(0, s.length() - 1).strip();
        }
        Matcher mixed = MIXED_NUMBER.matcher(s);
        if (mixed.matches()) {
            s = mixed.group(1) + "\\frac{" + mixed.group(2) + "}{" + mixed.group(3) + "}";
        }
        if (hedged) {
            return new Normalized(s, percent, degrees, true);
        }
        Matcher units = TRAILING_UNITS.matcher(s);
        if (units.matches() && !isOnlyWords(s)) {
            unit = unit != null ? unit : s.substring(units.end(1)).strip();
            s = units.group(1).strip();
        }
        Matcher leading = LEADING_WORDS.matcher(s);
        if (leading.find()) {
            s = s.substring(leading.end()).strip();
        }
        return new Normalized(s, percent, degrees, hedged, unit);
    }

    /** Spellings of common units, each mapped to one name; a unit not listed here is never compared. */
    private static final java.util.Map<String, String> UNIT_NAMES = unitNames(
            "mm millimeter millimeters millimetre millimetres", "cm centimeter centimeters centimetre centimetres",
            "m meter meters metre metres", "km kilometer kilometers kilometre kilometres", "in inch inches",
            "ft foot feet", "yd yard yards", "mi mile miles", "s sec secs second seconds",
            "min mins minute minutes", "h hr hrs hour hours", "day days", "week weeks", "year years yr yrs",
            "mg milligram milligrams", "g gram grams", "kg kilogram kilograms", "lb lbs pound pounds",
            "ml milliliter milliliters millilitre millilitres", "l liter liters litre litres",
            "dollar dollars usd", "cent cents", "euro euros", "m/s", "km/h kmh", "mph");

    private static java.util.Map<String, String> unitNames(String... groups) {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        for (String group : groups) {
            String[] spellings = group.split(" ");
            for (String spelling : spellings) {
                names.put(spelling, spellings[0]);
            }
        }
        return java.util.Map.copyOf(names);
    }

    /**
     * True when both answers name a unit we know and the units differ ("5 cm" is not "5 m"); an unknown or absent
     * unit decides nothing, as units are otherwise decoration.
     */
    public static boolean unitsDiffer(String gold, String answer) {
        if (gold == null || answer == null) {
            return false;
        }
        String g = UNIT_NAMES.get(gold.replaceAll("\\s+", "").replaceAll("\\.$", "").replaceAll("\\^\\{?([23])\\}?$", ""));
        String a = UNIT_NAMES.get(answer.replaceAll("\\s+", "").replaceAll("\\.$", "").replaceAll("\\^\\{?([23])\\}?$", ""));
        return g != null && a != null && !g.equals(a)
                || g != null && a != null && squared(gold) != squared(answer);
    }

    private static int squared(String unit) {
        Matcher m = Pattern.compile("\\^\\{?([23])\\}?$").matcher(unit.strip());
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    /**
     * I.B(C repeated) = (IBC − IB) / (10^|B| · (10^|C| − 1)): 0.\overline{9} is 1, 0.1\overline{6} is 1/6, written as an
     * exact fraction so that the comparison stays exact.
     */
    private static String repeatingDecimal(java.util.regex.MatchResult m) {
        String whole = m.group(1).isEmpty() ? "0" : m.group(1);
        BigInteger withRepeat = new BigInteger(whole + m.group(2) + m.group(3));
        BigInteger withoutRepeat = new BigInteger(whole + m.group(2));
        BigInteger denominator = BigInteger.TEN.pow(m.group(2).length())
                .multiply(BigInteger.TEN.pow(m.group(3).length()).subtract(BigInteger.ONE));
        return Matcher.quoteReplacement("\\frac{" + withRepeat.subtract(withoutRepeat) + "}{" + denominator + "}");
    }

    /** True when the text negates or hedges a value ("not 5", "at least 5", "约 5"). */
    public static boolean hedges(String text) {
        return HEDGE.matcher(text).find();
    }

    private static final Pattern COMMA_LIST = Pattern.compile("^-?[1-9]\\d*,\\d$");

    /**
     * A gold "5,1", "-3,0" or "1,2" — one digit after the comma, a whole part that is not 0 — is a list of two
     * numbers: that is how such golds are meant in real data, and reading them as decimals would make the list's
     * digits joined by a point ("5.1") right. "0,5", "1,22", "0,111" and LaTeX's "1{,}5" stay decimals. Meant for
     * text that {@link #decimalComma} accepts.
     */
    public static boolean isCommaList(String text) {
        return COMMA_LIST.matcher(stripDelimiters(text.strip())).matches();
    }

    /** "1,22" or "0,111" written with a decimal comma (not a thousands separator): the same number with a point. */
    public static String decimalComma(String text) {
        String s = stripDelimiters(text.strip());
        return DECIMAL_COMMA.matcher(s).matches() && !THOUSANDS_ONLY.matcher(s).matches() ? s.replace(',', '.') : null;
    }

    /**
     * "a ≈ b": the exact part before the approximation is the answer, unless that part is only a variable name
     * ("x ≈ 11" answers 11).
     */
    static String approximation(String s) {
        int at = s.indexOf("\\approx");
        if (at < 0) {
            return s;
        }
        String left = s.substring(0, at).strip();
        String right = s.substring(at + 7).strip();
        return left.matches("[A-Za-z]{1,2}(_\\{?\\w+\\}?)?") || left.isEmpty() ? right : left;
    }

    /** Removes one layer of $…$, $$…$$, \(…\), \[…\] around the whole answer. */
    static String stripDelimiters(String s) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String[] pair : new String[][] {{"$$", "$$"}, {"$", "$"}, {"\\(", "\\)"}, {"\\[", "\\]"}}) {
                if (s.length() >= pair[0].length() + pair[1].length() && s.startsWith(pair[0]) && s.endsWith(pair[1])) {
                    s = s.substring(pair[0].length(), s.length() - pair[1].length()).strip();
                    changed = true;
                }
            }
        }
        return s;
    }

    private static String unwrapRepeatedly(Pattern pattern, String s) {
        for (int i = 0; i < 8; i++) {
            Matcher m = pattern.matcher(s);
            if (!m.find()) {
                return s;
            }
            s = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
        }
        return s;
    }

    private static boolean isOnlyWords(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isLetter(c) && c != ' ' && c != '.') {
                return false;
            }
        }
        return true;
    }
}

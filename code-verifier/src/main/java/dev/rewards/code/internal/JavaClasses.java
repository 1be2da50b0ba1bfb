package dev.rewards.code.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Which top-level type of a Java source is public (it names the file) and which type declares the program's
 * {@code main} (it is run, by binary name: {@code pkg.Outer$Inner}): submissions are not always
 * {@code public class Main}.
 *
 * <p>A small lexer rather than regular expressions, because identifiers are Unicode ({@code class Główna},
 * {@code class Решение}, {@code $} and {@code _} included), Unicode escapes are translated before anything else
 * (JLS 3.3), and comments, strings, text blocks and character literals must not count — nor {@code Foo.class}
 * expressions, annotation arguments with braces, anonymous and local classes.
 */
record JavaClasses(String publicTopLevel, String mainClass) {

    private static final Set<String> TYPE_KEYWORDS = Set.of("class", "interface", "enum", "record");
    private static final Set<String> MODIFIERS = Set.of("public", "protected", "private", "static", "final",
            "abstract", "sealed", "strictfp");

    /** A type declaration; {@code bodyDepth} is the brace depth inside its body, -1 until the body opens. */
    private static final class Type {
        final String binaryName;
        final boolean topLevel;
        final boolean isPublic;
        final boolean isInterface;
        int bodyDepth = -1;
        boolean hasLaunchableMain;
        boolean hasAnyMain;

        Type(String binaryName, boolean topLevel, boolean isPublic, boolean isInterface) {
            this.binaryName = binaryName;
            this.topLevel = topLevel;
            this.isPublic = isPublic;
            this.isInterface = isInterface;
        }
    }

    static JavaClasses scan(String source) {
        List<String> tokens = tokens(unicodeEscapesTranslated(source));
        List<Type> types = new ArrayList<>();
        Deque<Type> open = new ArrayDeque<>();
        String packageName = null;
        int depth = 0;
        Type pending = null;
        List<String> modifiers = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            switch (token) {
                case "{" -> {
                    depth++;
                    if (pending != null) {
                        pending.bodyDepth = depth;
                        open.push(pending);
                        pending = null;
                    }
                    modifiers.clear();
                    continue;
                }
                case "}" -> {
                    if (!open.isEmpty() && open.peek().bodyDepth == depth) {
                        open.pop();
                    }
                    depth = Math.max(0, depth - 1);
                    modifiers.clear();
                    continue;
                }
                case ";" -> {
                    modifiers.clear();
                    continue;
                }
                case "@" -> {
                    if (!"interface".equals(at(tokens, i + 1))) {
                        i = skipAnnotation(tokens, i);
                        continue;
                    }
                }
                default -> {
                }
            }
            if (depth == 0 && pending == null && token.equals("package")) {
                StringBuilder name = new StringBuilder();
                for (i++; i < tokens.size() && !tokens.get(i).equals(";"); i++) {
                    name.append(tokens.get(i));
                }
                packageName = name.toString();
                continue;
            }
            if (MODIFIERS.contains(token)) {
                modifiers.add(token);
                continue;
            }
            if (pending == null && TYPE_KEYWORDS.contains(token) && isDeclaration(tokens, i)) {
                String name = tokens.get(i + 1);
                Type enclosing = open.peek();
                // Member types only: a type declared inside a method or initializer is local and cannot be launched.
                boolean topLevel = depth == 0;
                boolean member = enclosing != null && enclosing.bodyDepth == depth;
                String binaryName = topLevel ? name
                        : member && enclosing.binaryName != null ? enclosing.binaryName + "$" + name : null;
                pending = new Type(binaryName, topLevel, modifiers.contains("public"), token.equals("interface"));
                if (binaryName != null) {
                    types.add(pending);
                }
                modifiers.clear();
                i++;
                continue;
            }
            if (token.equals("main") && "(".equals(at(tokens, i + 1)) && "void".equals(at(tokens, i - 1))) {
                Type owner = open.peek();
                if (owner != null && owner.bodyDepth == depth && owner.binaryName != null
                        && takesStringArray(tokens, i + 1)) {
                    owner.hasAnyMain = true;
                    if (modifiers.contains("static") && (modifiers.contains("public") || owner.isInterface)) {
                        owner.hasLaunchableMain = true;
                    }
                }
            }
        }
        String publicTopLevel = types.stream().filter(t -> t.topLevel && t.isPublic).map(t -> t.binaryName)
                .findFirst().orElse(null);
        String main = chooseMain(types, true);
        if (main == null) {
            main = chooseMain(types, false);
        }
        if (packageName != null && !packageName.isEmpty()) {
            // javac -d . places packaged classes in their directories; java runs them by qualified name.
            return new JavaClasses(publicTopLevel, packageName + "." + (main != null ? main
                    : publicTopLevel != null ? publicTopLevel : "Main"));
        }
        return new JavaClasses(publicTopLevel, main);
    }

    /**
     * The public top-level type with a main, else a top-level one named Main, else the first top-level one, else
     * the first member type; {@code launchable} first keeps {@code public static void main(String[])} ahead of
     * mains the launcher would refuse.
     */
    private static String chooseMain(List<Type> types, boolean launchable) {
        List<Type> candidates = types.stream().filter(t -> launchable ? t.hasLaunchableMain : t.hasAnyMain).toList();
        return candidates.stream().filter(t -> t.topLevel && t.isPublic).findFirst()
                .or(() -> candidates.stream().filter(t -> t.topLevel && t.binaryName.equals("Main")).findFirst())
                .or(() -> candidates.stream().filter(t -> t.topLevel).findFirst())
                .or(() -> candidates.stream().findFirst())
                .map(t -> t.binaryName).orElse(null);
    }

    /**
     * {@code class X}, {@code enum X}, {@code interface X}, {@code record X(} / {@code record X<}; not
     * {@code Foo.class}, and not {@code record} used as an ordinary identifier.
     */
    private static boolean isDeclaration(List<String> tokens, int i) {
        String next = at(tokens, i + 1);
        if (next == null || !isIdentifier(next) || ".".equals(at(tokens, i - 1))) {
            return false;
        }
        if (tokens.get(i).equals("record")) {
            String after = at(tokens, i + 2);
            return "(".equals(after) || "<".equals(after);
        }
        return true;
    }

    /** {@code (String[] a)}, {@code (final String... a)}, {@code (java.lang.String a[])}, annotations allowed. */
    private static boolean takesStringArray(List<String> tokens, int open) {
        List<String> inside = new ArrayList<>();
        int i = open + 1;
        for (; i < tokens.size() && !tokens.get(i).equals(")"); i++) {
            if (tokens.get(i).equals("@")) {
                i = skipAnnotation(tokens, i);
            } else if (!tokens.get(i).equals("final")) {
                inside.add(tokens.get(i));
            }
        }
        String type = String.join("", inside);
        if (type.startsWith("java.lang.")) {
            type = type.substring("java.lang.".length());
        }
        if (!type.startsWith("String")) {
            return false;
        }
        String rest = type.substring("String".length());
        if (rest.startsWith("[]") || rest.startsWith("...")) {
            String name = rest.substring(rest.startsWith("[]") ? 2 : 3);
            return isIdentifier(name);
        }
        return rest.endsWith("[]") && isIdentifier(rest.substring(0, rest.length() - 2));
    }

    /** Index of the last token of the annotation starting at {@code at} ({@code @Name.Name(...)}). */
    private static int skipAnnotation(List<String> tokens, int at) {
        int i = at + 1;
        while (i + 2 < tokens.size() && tokens.get(i + 1).equals(".") && isIdentifier(tokens.get(i + 2))) {
            i += 2;
        }
        if ("(".equals(at(tokens, i + 1))) {
            int parens = 0;
            for (i = i + 1; i < tokens.size(); i++) {
                if (tokens.get(i).equals("(")) {
                    parens++;
                } else if (tokens.get(i).equals(")") && --parens == 0) {
                    break;
                }
            }
        }
        return Math.min(i, tokens.size() - 1);
    }

    private static String at(List<String> tokens, int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i) : null;
    }

    private static boolean isIdentifier(String token) {
        if (token.isEmpty() || !Character.isJavaIdentifierStart(token.codePointAt(0))) {
            return false;
        }
        return token.codePoints().allMatch(Character::isJavaIdentifierPart);
    }

    /**
     * Identifiers, and every other character as a token of its own; comments, literals and numbers dropped.
     * {@code non-sealed} is one token so that its hyphen does not split a modifier list.
     */
    static List<String> tokens(String code) {
        List<String> tokens = new ArrayList<>();
        int n = code.length();
        int i = 0;
        while (i < n) {
            int c = code.codePointAt(i);
            if (Character.isWhitespace(c) || c == 0x1A) {
                i += Character.charCount(c);
            } else if (code.startsWith("//", i)) {
                int end = code.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (code.startsWith("/*", i)) {
                int end = code.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (code.startsWith("\"\"\"", i)) {
                i = endOfTextBlock(code, i + 3);
            } else if (c == '"' || c == '\'') {
                i = endOfLiteral(code, i, (char) c);
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                while (i < n && Character.isJavaIdentifierPart(code.codePointAt(i))) {
                    i += Character.charCount(code.codePointAt(i));
                }
                String word = code.substring(start, i);
                if (word.equals("non") && code.startsWith("-sealed", i)) {
                    i += "-sealed".length();
                    word = "sealed";
                }
                tokens.add(word);
            } else if (Character.isDigit(c)) {
                // Numbers (1_000L, 0x1F, 1e-3) matter to no declaration; the dot of 1.5 must not look like Foo.class.
                while (i < n && (Character.isLetterOrDigit(code.charAt(i)) || code.charAt(i) == '_'
                        || code.charAt(i) == '.')) {
                    i++;
                }
            } else if (code.startsWith("...", i)) {
                tokens.add("...");
                i += 3;
            } else {
                tokens.add(new String(Character.toChars(c)));
                i += Character.charCount(c);
            }
        }
        return tokens;
    }

    private static int endOfTextBlock(String code, int from) {
        int i = from;
        while (i < code.length()) {
            if (code.charAt(i) == '\\') {
                i += 2;
            } else if (code.startsWith("\"\"\"", i)) {
                return i + 3;
            } else {
                i++;
            }
        }
        return code.length();
    }

    private static int endOfLiteral(String code, int from, char quote) {
        int i = from + 1;
        while (i < code.length() && code.charAt(i) != quote && code.charAt(i) != '\n') {
            i += code.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(code.length(), i + 1);
    }

    /** JLS 3.3: {@code \\uXXXX} (any number of u's) where the backslash is not itself escaped. */
    static String unicodeEscapesTranslated(String source) {
        if (source.indexOf("\\u") < 0) {
            return source;
        }
        StringBuilder out = new StringBuilder(source.length());
        int backslashes = 0;
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\\' && backslashes % 2 == 0 && i + 1 < source.length() && source.charAt(i + 1) == 'u') {
                int j = i + 1;
                while (j < source.length() && source.charAt(j) == 'u') {
                    j++;
                }
                if (j + 4 <= source.length() && isHex(source, j, j + 4)) {
                    out.append((char) Integer.parseInt(source, j, j + 4, 16));
                    i = j + 4;
                    backslashes = 0;
                    continue;
                }
            }
            backslashes = c == '\\' ? backslashes + 1 : 0;
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}

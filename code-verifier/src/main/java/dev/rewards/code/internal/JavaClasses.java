package dev.rewards.code.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which top-level class of a Java source is public (it names the file) and which declares {@code main} (it is
 * run): submissions are not always {@code public class Main}. Comments, strings and character literals are blanked
 * before the scan so that braces and keywords inside them do not count.
 */
record JavaClasses(String publicTopLevel, String mainClass) {

    private static final Pattern TYPE = Pattern.compile(
            "\\b((?:public\\s+|final\\s+|abstract\\s+|static\\s+)*)(class|interface|enum|record)\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern MAIN = Pattern.compile("\\bstatic\\s+(?:final\\s+)?void\\s+main\\s*\\(");

    private record Declaration(String name, int depth, boolean isPublic, int bodyStart) {
    }

    static JavaClasses scan(String source) {
        String code = blank(source);
        int[] depthAt = depths(code);
        List<Declaration> declarations = new ArrayList<>();
        Matcher type = TYPE.matcher(code);
        while (type.find()) {
            int brace = code.indexOf('{', type.end());
            declarations.add(new Declaration(type.group(3), depthAt[type.start()],
                    type.group(1).contains("public"), brace < 0 ? code.length() : brace));
        }
        String publicTopLevel = declarations.stream().filter(d -> d.depth() == 0 && d.isPublic())
                .map(Declaration::name).findFirst().orElse(null);
        String mainClass = null;
        Matcher main = MAIN.matcher(code);
        if (main.find()) {
            int mainDepth = depthAt[main.start()];
            for (Declaration d : declarations) {
                if (d.bodyStart() < main.start() && d.depth() == mainDepth - 1 && d.depth() == 0) {
                    mainClass = d.name();
                }
            }
        }
        Matcher pkg = PACKAGE.matcher(code);
        if (pkg.find()) {
            // javac -d . places packaged classes in their directories; java runs them by qualified name.
            String qualifier = pkg.group(1) + ".";
            return new JavaClasses(publicTopLevel, qualifier + (mainClass != null ? mainClass
                    : publicTopLevel != null ? publicTopLevel : "Main"));
        }
        return new JavaClasses(publicTopLevel, mainClass);
    }

    private static int[] depths(String code) {
        int[] depths = new int[code.length() + 1];
        int depth = 0;
        for (int i = 0; i < code.length(); i++) {
            depths[i] = depth;
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
            }
        }
        depths[code.length()] = depth;
        return depths;
    }

    /** Replaces comments and literals by spaces, keeping offsets. */
    private static String blank(String source) {
        StringBuilder out = new StringBuilder(source);
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                int end = source.indexOf('\n', i);
                end = end < 0 ? n : end;
                fill(out, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                fill(out, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                boolean textBlock = c == '"' && source.startsWith("\"\"\"", i);
                if (textBlock) {
                    int close = source.indexOf("\"\"\"", i + 3);
                    end = close < 0 ? n : close + 3;
                } else {
                    while (end < n && source.charAt(end) != c && source.charAt(end) != '\n') {
                        end += source.charAt(end) == '\\' ? 2 : 1;
                    }
                    end = Math.min(n, end + 1);
                }
                fill(out, i, end);
                i = end;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static void fill(StringBuilder out, int from, int to) {
        for (int k = from; k < to; k++) {
            if (out.charAt(k) != '\n') {
                out.setCharAt(k, ' ');
            }
        }
    }
}

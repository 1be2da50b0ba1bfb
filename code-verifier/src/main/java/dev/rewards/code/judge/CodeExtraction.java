package dev.rewards.code.judge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.rewards.code.Language;

/**
 * The program in a model's response: the last fenced block tagged with the language (or one of its aliases), else
 * the last fenced block; none → null ({@code no_code}). Fences are ``` or ~~~ lines; an unclosed last fence runs to
 * the end, as truncated completions often do.
 */
public final class CodeExtraction {

    private record Block(String tag, String code) {
    }

    private CodeExtraction() {
    }

    public static String extract(String response, String language) {
        List<Block> blocks = blocks(response);
        if (blocks.isEmpty()) {
            return null;
        }
        // The fence tags of a language are its accepted names (one list, in Language).
        List<String> aliases = Arrays.stream(Language.values()).filter(l -> l.aliases().contains(language))
                .findFirst().map(Language::aliases).orElse(List.of(language));
        for (int i = blocks.size() - 1; i >= 0; i--) {
            if (aliases.contains(blocks.get(i).tag())) {
                return blocks.get(i).code();
            }
        }
        return blocks.get(blocks.size() - 1).code();
    }

    private static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        int pos = 0;
        while (pos < text.length()) {
            int lineEnd = text.indexOf('\n', pos);
            String line = text.substring(pos, lineEnd < 0 ? text.length() : lineEnd);
            String trimmed = line.strip();
            int next = lineEnd < 0 ? text.length() : lineEnd + 1;
            if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
                String fence = trimmed.substring(0, 3);
                String tag = trimmed.substring(3).strip().split("[\\s{]", 2)[0].toLowerCase(Locale.ROOT);
                StringBuilder code = new StringBuilder();
                int p = next;
                boolean closed = false;
                while (p < text.length()) {
                    int end = text.indexOf('\n', p);
                    String codeLine = text.substring(p, end < 0 ? text.length() : end);
                    p = end < 0 ? text.length() : end + 1;
                    if (codeLine.strip().startsWith(fence) && codeLine.strip().replace(fence.substring(0, 1), "").isEmpty()) {
                        closed = true;
                        break;
                    }
                    code.append(codeLine).append('\n');
                }
                blocks.add(new Block(tag, code.toString()));
                pos = p;
                if (!closed) {
                    break;
                }
                continue;
            }
            pos = next;
        }
        return blocks;
    }
}

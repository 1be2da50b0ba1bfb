package dev.rewards.format.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every occurrence of the template's tags in a text, found in one left-to-right pass (no regex, linear time), plus the
 * near-misses that look like a tag but are not one ({@code <Think>}, {@code <think id="1">}).
 */
public final class TagScan {

    private final Map<Tag, List<Integer>> positions = new EnumMap<>(Tag.class);
    private final List<Integer> malformed = new ArrayList<>();

    private TagScan() {
        for (Tag tag : Tag.values()) {
            positions.put(tag, new ArrayList<>(2));
        }
    }

    public static TagScan of(String text) {
        TagScan scan = new TagScan();
        int length = text.length();
        for (int i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
            Tag exact = exactTagAt(text, i);
            if (exact != null) {
                scan.positions.get(exact).add(i);
            } else if (looksLikeTag(text, i, length)) {
                scan.malformed.add(i);
            }
        }
        return scan;
    }

    public List<Integer> positions(Tag tag) {
        return positions.get(tag);
    }

    public int count(Tag tag) {
        return positions.get(tag).size();
    }

    public int first(Tag tag) {
        List<Integer> list = positions.get(tag);
        return list.isEmpty() ? -1 : list.get(0);
    }

    public List<Integer> malformed() {
        return malformed;
    }

    private static Tag exactTagAt(String text, int i) {
        for (Tag tag : Tag.values()) {
            if (text.startsWith(tag.text(), i)) {
                return tag;
            }
        }
        return null;
    }

    /** A tag name of the template in another case, or followed by attributes or whitespace. */
    private static boolean looksLikeTag(String text, int i, int length) {
        int nameStart = i + 1 < length && text.charAt(i + 1) == '/' ? i + 2 : i + 1;
        for (String name : new String[] {"think", "answer"}) {
            int nameEnd = nameStart + name.length();
            if (nameEnd < length && text.regionMatches(true, nameStart, name, 0, name.length())) {
                char next = text.charAt(nameEnd);
                boolean caseVariant = next == '>' && !text.startsWith(name, nameStart);
                boolean withAttributes = next == ' ' || next == '\t' || next == '\n' || next == '\r' || next == '/';
                if (caseVariant || withAttributes) {
                    return true;
                }
            }
        }
        return false;
    }
}

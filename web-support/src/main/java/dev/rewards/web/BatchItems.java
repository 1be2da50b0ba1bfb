package dev.rewards.web;

import java.util.List;

/** Validation shared by every batch body: the list is present and holds objects, named by index when not. */
public final class BatchItems {

    private BatchItems() {
    }

    public static <T> List<T> require(List<T> items, String field) {
        if (items == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                throw new IllegalArgumentException(field + "[" + i + "] must be an object");
            }
        }
        return items;
    }

    /** A batch within the body limit may still hold more items than the service takes at once: a 413 problem. */
    public static void requireAtMost(int count, int max) {
        if (count > max) {
            throw new RequestTooLargeException("items: " + count + " items, at most " + max + " per request");
        }
    }
}

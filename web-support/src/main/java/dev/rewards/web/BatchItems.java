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
}

package dev.rewards.format.api;

import java.util.List;
import java.util.Map;

/** Defaults a batch applies to every item that leaves a field out. */
public record CheckDefaults(String template, Boolean thinkPrefilled, List<String> checks, Map<String, Object> params) {

    static final CheckDefaults NONE = new CheckDefaults(null, null, null, null);
}

package dev.rewards.math.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.rewards.math.MathOptions;
import dev.rewards.web.WireValues;

/** Wire options (snake_case map, batch defaults merged under item values) to {@link MathOptions}. */
final class OptionsMapping {

    private static final Set<String> NAMES = Set.of("extraction", "float_rel_tol", "timeout_ms", "percent", "strict",
            "reasoning_delimiter");

    private OptionsMapping() {
    }

    static MathOptions merge(Map<String, Object> defaults, Map<String, Object> item) {
        Map<String, Object> merged = new HashMap<>(defaults == null ? Map.of() : defaults);
        if (item != null) {
            merged.putAll(item);
        }
        for (String name : merged.keySet()) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("options." + name + ": unknown option, expected any of "
                        + String.join(", ", NAMES.stream().sorted().toList()));
            }
        }
        MathOptions d = MathOptions.DEFAULTS;
        Object extraction = merged.get("extraction");
        List<dev.rewards.math.internal.Extractor.Strategy> strategies = d.extraction();
        if (extraction != null) {
            if (!(extraction instanceof List<?> list)) {
                throw new IllegalArgumentException("options.extraction must be a list");
            }
            strategies = list.stream().map(String::valueOf).map(MathOptions::strategy).toList();
        }
        return new MathOptions(strategies, WireValues.number(merged, "options.", "float_rel_tol", d.floatRelTol()),
                WireValues.integer(merged, "options.", "timeout_ms", (int) d.timeoutMs()),
                merged.get("percent") == null ? d.percent() : String.valueOf(merged.get("percent")),
                WireValues.bool(merged, "options.", "strict", d.strict()),
                merged.get("reasoning_delimiter") == null ? null : String.valueOf(merged.get("reasoning_delimiter")));
    }
}

package dev.rewards.math;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.rewards.math.internal.Extractor.Strategy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The shared math corpus and the mapping of each case's peer options onto ours. */
final class MathCorpus {

    record Case(int id, String gold, String pred, boolean expected, boolean disputed, String category, JsonNode options) {
    }

    private MathCorpus() {
    }

    static List<Case> cases() throws IOException {
        try (InputStream in = MathCorpus.class.getResourceAsStream("/corpus/math-cases.jsonl")) {
            JsonMapper mapper = JsonMapper.builder().build();
            List<Case> cases = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = mapper.readTree(line);
                cases.add(new Case(row.get("id").asInt(), row.get("gold").asString(), row.get("pred").asString(),
                        row.get("expected").asBoolean(), row.has("disputed") && !row.get("disputed").isNull() && !row.get("disputed").asString().isEmpty(),
                        row.get("category").asString(), row.get("options")));
            }
            return cases;
        }
    }

    /**
     * Peer options mapped onto ours where an equivalent exists: Math-Verify's "expr" extraction finds plain numbers
     * and expressions anywhere, which is our last_number after the other strategies; float_rounding n is a relative
     * tolerance of 10^-n; strict is strict; reasoning_delimiters is reasoning_delimiter. Letter matching, languages and reasoning delimiters need no option here.
     */
    static MathOptions mapped(JsonNode options) {
        if (options == null || options.isNull()) {
            return MathOptions.DEFAULTS;
        }
        List<Strategy> extraction = new ArrayList<>(MathOptions.DEFAULT_EXTRACTION);
        JsonNode types = options.get("match_types");
        if (types != null && types.toString().contains("expr")) {
            extraction.add(Strategy.LAST_NUMBER);
        }
        double tolerance = options.has("float_rounding") ? Math.pow(10, -options.get("float_rounding").asInt()) : 1e-6;
        boolean strict = !options.has("strict") || options.get("strict").asBoolean();
        JsonNode delimiters = options.get("reasoning_delimiters");
        String delimiter = delimiters != null && delimiters.size() > 0 ? delimiters.get(0).asString() : null;
        return new MathOptions(extraction, tolerance, 2000, "either", strict, delimiter);
    }
}

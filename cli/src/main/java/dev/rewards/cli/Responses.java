package dev.rewards.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rewards.gateway.Sample;
import dev.rewards.web.WireJson;

/**
 * The responses of an input JSONL: each line a gateway sample, several responses to one problem either as
 * {@code responses: [...]} on one line or as lines sharing a {@code problem_id} (else the line is its own problem).
 * A line that is not a valid sample is reported with its number and skipped.
 */
record Responses(List<Response> responses, List<String> badLines) {

    /** One response: where it came from, the problem it answers, and the sample to score. */
    record Response(int line, String problemId, Sample sample, Map<String, Object> fields) {
    }

    @SuppressWarnings("unchecked")
    static Responses read(Path file) throws IOException {
        List<Response> responses = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                try {
                    Object parsed = WireJson.MAPPER.readValue(text, Object.class);
                    if (!(parsed instanceof Map<?, ?>)) {
                        throw new IllegalArgumentException("not a JSON object");
                    }
                    Map<String, Object> fields = (Map<String, Object>) parsed;
                    String problem = fields.get("problem_id") != null ? String.valueOf(fields.get("problem_id"))
                            : "line-" + number;
                    Object many = fields.get("responses");
                    if (many != null) {
                        if (!(many instanceof List<?> list) || list.isEmpty()) {
                            throw new IllegalArgumentException("responses: a non-empty list of strings expected");
                        }
                        List<Response> fromLine = new ArrayList<>();
                        for (int i = 0; i < list.size(); i++) {
                            if (!(list.get(i) instanceof String response)) {
                                throw new IllegalArgumentException("responses[" + i + "]: a string expected");
                            }
                            Map<String, Object> one = new LinkedHashMap<>(fields);
                            one.remove("responses");
                            one.put("response", response);
                            if (one.get("id") == null) {
                                one.put("id", problem + "#" + i);
                            }
                            fromLine.add(new Response(number, problem, sample(one), one));
                        }
                        responses.addAll(fromLine);
                    } else {
                        responses.add(new Response(number, problem, sample(fields), fields));
                    }
                } catch (RuntimeException e) {
                    bad.add("line " + number + ": " + firstLine(e.getMessage()));
                }
            }
        }
        return new Responses(responses, bad);
    }

    private static Sample sample(Map<String, Object> fields) {
        Map<String, Object> wire = new LinkedHashMap<>();
        for (String key : List.of("id", "prompt", "response", "task", "gold", "tests", "language", "target_language",
                "options")) {
            if (fields.get(key) != null) {
                wire.put(key, fields.get(key));
            }
        }
        if (wire.get("gold") != null && !(wire.get("gold") instanceof String)) {
            wire.put("gold", String.valueOf(wire.get("gold")));
        }
        if (wire.get("id") != null) {
            wire.put("id", String.valueOf(wire.get("id")));
        }
        return WireJson.read(wire, Sample.class);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

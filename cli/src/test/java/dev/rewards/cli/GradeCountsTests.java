package dev.rewards.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.rewards.web.WireJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grade} keeps scored, not applicable, cannot-be-scored and unavailable apart, and its summary counts agree
 * with its own output lines — the README's example (a formulas-only think) gets a real reward under profile r1.
 */
class GradeCountsTests {

    @TempDir
    Path dir;

    @Test
    void eachKindIsCountedAndTheTotalsAgreeWithTheLines() throws Exception {
        Path input = dir.resolve("in.jsonl");
        List<Map<String, Object>> samples = List.of(
                Map.of("problem_id", "a", "response", "<think>2+2=4</think> <answer>4</answer>", "gold", "4"),
                Map.of("problem_id", "a", "response", "<think>we add two and two</think> <answer>5</answer>", "gold", "4"),
                Map.of("problem_id", "b", "response", "<think>12*3=36</think> <answer>36</answer>", "gold", "\\boxed{}"),
                Map.of("problem_id", "c", "response", "<think>so it is four</think> <answer>4</answer>", "gold", "4"),
                Map.of("problem_id", "c", "response", "<think>3-1=2</think><answer>2</answer>", "gold", "4"));
        List<String> lines = new java.util.ArrayList<>();
        for (Map<String, Object> sample : samples) {
            lines.add(WireJson.MAPPER.writeValueAsString(sample));
        }
        Files.write(input, lines);
        Path output = dir.resolve("out.jsonl");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new RewardsCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"grade", input.toString(), "--json", "--output", output.toString()});
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = WireJson.MAPPER.readValue(out.toString(StandardCharsets.UTF_8), Map.class);

        List<Map<String, Object>> graded = Files.readAllLines(output).stream().map(GradeCountsTests::parse).toList();
        assertThat(graded).hasSize(5);
        Map<String, Object> readme = graded.stream().filter(l -> Integer.valueOf(1).equals(l.get("line")))
                .findFirst().orElseThrow();
        assertThat(((Number) readme.get("reward")).doubleValue()).isEqualTo(2.1);
        assertThat(component(readme, "language").get("status")).isEqualTo("not_applicable");
        assertThat(component(readme, "language").get("score")).isEqualTo(1.0);

        long nullRewards = graded.stream().filter(l -> l.get("reward") == null).count();
        long notApplicable = graded.stream().filter(l -> ((Map<?, ?>) l.get("components")).values().stream()
                .anyMatch(c -> "not_applicable".equals(((Map<?, ?>) c).get("status")))).count();
        long unscorable = graded.stream().filter(l -> "unscorable".equals(l.get("status"))).count();
        long unavailable = graded.stream().filter(l -> "unavailable".equals(l.get("status"))).count();
        long scored = graded.stream().filter(l -> "scored".equals(l.get("status"))).count();
        assertThat(summary).containsEntry("responses", 5).containsEntry("scored", 4).containsEntry("not_applicable", 3)
                .containsEntry("unscorable", 1).containsEntry("unavailable", 0);
        assertThat(List.of(scored, notApplicable, unscorable, unavailable)).containsExactly(
                num(summary, "scored"), num(summary, "not_applicable"), num(summary, "unscorable"),
                num(summary, "unavailable"));
        assertThat(scored + unscorable + unavailable).isEqualTo(5);
        assertThat(nullRewards).isEqualTo(unscorable + unavailable);
        // Not applicable is not a language share of 1: the mean covers the two chains of thought with words only.
        assertThat(((Number) summary.get("language_mean")).doubleValue()).isEqualTo(1.0);
        // Accuracy over the scorable math answers (the invalid gold has none): 2 correct of 4.
        assertThat(((Number) summary.get("accuracy")).doubleValue()).isEqualTo(0.5);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String line) {
        return WireJson.MAPPER.readValue(line, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> component(Map<String, Object> line, String name) {
        return (Map<String, Object>) ((Map<String, Object>) line.get("components")).get(name);
    }

    private static long num(Map<String, Object> summary, String key) {
        return ((Number) summary.get(key)).longValue();
    }
}

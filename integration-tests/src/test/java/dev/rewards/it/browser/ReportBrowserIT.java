package dev.rewards.it.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./rewards grade … --report}: the grading tool's jar grades the math corpus (three responses per problem:
 * the corpus's prediction in the R1 layout, the bare prediction, and a non-answer), then Chromium opens the report
 * from disk — every plot drawn, the pass@k shown equal to the {@code --json} summary, no console error.
 */
class ReportBrowserIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Path report;
    private static JsonNode summary;
    private static Browser browser;

    @BeforeAll
    static void grade() throws Exception {
        Path dir = Files.createDirectories(LocalSuite.ROOT.resolve("integration-tests/target/report-it"));
        Path input = dir.resolve("math-corpus.jsonl");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(LocalSuite.ROOT.resolve("math-verifier/src/test/resources/corpus/math-cases.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = JSON.readTree(line);
            String pred = row.get("pred").asString();
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("problem_id", "m" + row.get("id").asInt());
            problem.put("gold", row.get("gold").asString());
            problem.put("category", row.get("category").asString());
            problem.put("responses", List.of("<think>\nWe work it out step by step.\n</think>\n<answer>\n" + pred + "\n</answer>",
                    pred, "<think>\nI could not finish.\n</think>\n<answer>\nI am not sure.\n</answer>"));
            lines.add(JSON.writeValueAsString(problem));
        }
        Files.write(input, lines, StandardCharsets.UTF_8);
        report = dir.resolve("report.html");
        Files.deleteIfExists(report);
        Path jar = LocalSuite.ROOT.resolve("cli/target/cli-" + LocalSuite.VERSION + "-exec.jar");
        assertThat(jar).as("the grading tool's jar").exists();
        Path out = dir.resolve("summary.json");
        Process grade = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "grade", input.toString(), "--json", "--report", report.toString())
                .redirectOutput(out.toFile()).redirectError(dir.resolve("grade.err").toFile()).start();
        assertThat(grade.waitFor(5, TimeUnit.MINUTES)).as("grade finished").isTrue();
        assertThat(grade.exitValue()).as(Files.readString(dir.resolve("grade.err"))).isZero();
        summary = JSON.readTree(Files.readString(out));
        browser = new Browser(1280, 800);
        browser.driver().get(report.toUri().toString());
    }

    @AfterAll
    static void close() throws Exception {
        if (browser != null) {
            try {
                assertThat(browser.consoleErrors()).as("browser console errors").isEmpty();
            } finally {
                browser.close();
            }
        }
    }

    @Test
    void everyPlotRendersFromDisk() throws Exception {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> plots = (List<Map<String, Object>>) browser.script("""
                return Array.from(document.querySelectorAll('svg.plot')).map(s => ({
                  id: s.id, width: s.getBoundingClientRect().width, height: s.getBoundingClientRect().height,
                  marks: Array.from(s.querySelectorAll('rect.bar, polyline.series'))
                    .filter(m => m.getBBox().width > 0 || m.getBBox().height > 0).length }));""");
        assertThat(plots).extracting(p -> p.get("id")).containsExactlyInAnyOrder("plot-reward", "plot-accuracy",
                "plot-pass-at-k", "plot-violations", "plot-language", "plot-time");
        for (Map<String, Object> plot : plots) {
            assertThat(((Number) plot.get("width")).doubleValue()).as(plot.get("id") + " width").isGreaterThan(100);
            assertThat(((Number) plot.get("height")).doubleValue()).as(plot.get("id") + " height").isGreaterThan(50);
            assertThat(((Number) plot.get("marks")).intValue()).as(plot.get("id") + " drawn marks").isPositive();
        }
        browser.screenshot("report-math-corpus");
    }

    @Test
    void passAtKOnThePageMatchesTheJsonSummary() {
        int k = summary.get("k").asInt();
        assertThat(k).isEqualTo(3);
        double shown = Double.parseDouble(browser.driver().findElement(
                By.cssSelector("#pass-at-k tr[data-k='" + k + "'] td.pass")).getAttribute("data-value"));
        assertThat(shown).isCloseTo(summary.get("pass_at_k").asDouble(), within(1e-12));
        double shownAt1 = Double.parseDouble(browser.driver().findElement(
                By.cssSelector("#pass-at-k tr[data-k='1'] td.pass")).getAttribute("data-value"));
        assertThat(shownAt1).isCloseTo(summary.get("pass_at_1").asDouble(), within(1e-12));
        double cons = Double.parseDouble(browser.driver().findElement(
                By.cssSelector("#pass-at-k tr[data-k='" + k + "'] td.cons")).getAttribute("data-value"));
        assertThat(cons).isCloseTo(summary.get("cons_at_k").asDouble(), within(1e-12));
        assertThat(browser.driver().findElement(By.cssSelector("#summary tr[data-key=pass_at_k] td")).getText())
                .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f%%", 100 * summary.get("pass_at_k").asDouble()));
        assertThat(browser.driver().findElement(By.cssSelector("#summary tr[data-key=responses] td")).getText())
                .isEqualTo(String.valueOf(summary.get("responses").asInt()));
    }

    @Test
    void actionTablesLinkToThePlayground() {
        String href = browser.driver().findElement(By.cssSelector("#longest a")).getAttribute("href");
        assertThat(href).startsWith("http://localhost:8080/#profile=r1&task=math&gold=");
        assertThat(browser.driver().findElements(By.cssSelector("#no-signal tr"))).hasSizeGreaterThan(1);
    }
}

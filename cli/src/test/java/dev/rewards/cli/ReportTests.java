package dev.rewards.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rewards.web.WireJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grade --report}: the report of an embedded run on a fixture with known pass@k — every plot drawn, the pass@k
 * row of the summary's k equal to the summary, the tables holding the rows they promise, links that carry inputs.
 * (Rendering in a real browser is checked by the integration tests.)
 */
class ReportTests {

    @TempDir
    static Path dir;
    private static String html;
    private static Map<String, Object> summary;

    /** Six problems × 4 responses: problem p has p correct answers (capped at 4), one category per parity. */
    @BeforeAll
    static void grade() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            for (int r = 0; r < 4; r++) {
                boolean right = r < Math.min(p, 4);
                String response = r == 3 && p == 5
                        ? "<think>short</think><answer>\\boxed{7}</answer> trailing"
                        : "<think>\nWe add the numbers.\nThen we check.\n</think>\n<answer>\\boxed{" + (right ? 7 : 8) + "}</answer>";
                lines.add(WireJson.MAPPER.writeValueAsString(Map.of("problem_id", "p" + p, "gold", "7",
                        "category", p % 2 == 0 ? "even" : "odd", "response", response)));
            }
        }
        Path input = dir.resolve("fixture.jsonl");
        Files.write(input, lines);
        Path report = dir.resolve("report.html");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new RewardsCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"grade", input.toString(), "--json", "--k", "2", "--report", report.toString()});
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = WireJson.MAPPER.readValue(out.toString(StandardCharsets.UTF_8), Map.class);
        summary = parsed;
        html = Files.readString(report);
    }

    @Test
    void everyPlotIsDrawn() {
        for (String id : List.of("plot-reward", "plot-accuracy", "plot-pass-at-k", "plot-violations", "plot-language",
                "plot-time")) {
            Matcher svg = Pattern.compile("<svg id=\"" + id + "\"[^>]*>(.*?)</svg>", Pattern.DOTALL).matcher(html);
            assertThat(svg.find()).as(id).isTrue();
            assertThat(svg.group(1)).as(id).containsAnyOf("<rect class=\"bar\"", "<polyline class=\"series\"");
        }
    }

    @Test
    void passAtKRowsMatchTheSummaryAndTheEstimator() {
        double expectedAt2 = 0;
        for (int p = 0; p < 6; p++) {
            int c = Math.min(p, 4);
            expectedAt2 += Summary.passAtK(4, c, 2);
        }
        expectedAt2 /= 6;
        assertThat(((Number) summary.get("pass_at_k")).doubleValue()).isCloseTo(expectedAt2, within(1e-12));
        assertThat(value("pass", 2)).isCloseTo(expectedAt2, within(1e-12));
        assertThat(value("pass", 1)).isCloseTo(((Number) summary.get("pass_at_1")).doubleValue(), within(1e-12));
        assertThat(value("pass", 4)).as("every problem with a correct answer").isCloseTo(5 / 6.0, within(1e-12));
        assertThat(html).contains("data-k=\"1\"", "data-k=\"4\"").doesNotContain("data-k=\"5\"");
    }

    private static double value(String column, int k) {
        Matcher m = Pattern.compile("<tr data-k=\"" + k + "\">.*?<td class=\"" + column + "\" data-value=\"([^\"]+)\"")
                .matcher(html);
        assertThat(m.find()).as(column + "@" + k).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void tablesListWhatTheyPromiseWithPlaygroundLinks() {
        assertThat(section("correct-bad-format")).contains("text_after_answer").contains("p5");
        assertThat(section("no-signal")).contains("all 4 wrong").contains("all 4 right");
        assertThat(section("short-reasoning")).contains("reasoning: short");
        Matcher link = Pattern.compile("href=\"http://localhost:8080/#([^\"]+)\"").matcher(section("correct-bad-format"));
        assertThat(link.find()).isTrue();
        String fragment = link.group(1).replace("&amp;", "&");
        assertThat(fragment).startsWith("profile=r1&task=math&gold=7&");
        String response = URLDecoder.decode(fragment.substring(fragment.indexOf("response=") + 9), StandardCharsets.UTF_8);
        assertThat(response).isEqualTo("<think>short</think><answer>\\boxed{7}</answer> trailing");
    }

    private static String section(String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertThat(start).as(id).isPositive();
        int end = html.indexOf("</table>", start);
        return html.substring(start, end < 0 ? html.length() : end);
    }

    @Test
    void theReportNeedsNoNetworkAndNoScript() {
        assertThat(html).doesNotContain("<script", "src=\"http", "href=\"http://fonts", "<link ");
    }
}

package dev.rewards.cli;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.rewards.gateway.Sample;
import dev.rewards.web.WireJson;

/**
 * {@code ./rewards grade … --report report.html}: one self-contained HTML page (inline CSS and SVG, no script, no
 * network) with the run's settings and summary, plots (reward distribution, accuracy by source, pass@k and cons@k
 * over k, format violations by code, language consistency, verifier time per item) and tables to act on, each row
 * linking to the reward playground with its inputs.
 */
final class Report {

    /** What the run was: shown in the report and used for the playground links. */
    record Settings(Path input, String profile, String scorer, String playgroundUrl, boolean partial) {
    }

    private static final int TABLE_ROWS = 20;

    private final Settings settings;
    private final List<Graded> graded;
    private final Summary summary;
    private final Summary.Clustering clustering;

    private Report(Settings settings, List<Graded> graded, Summary summary, Summary.Clustering clustering) {
        this.settings = settings;
        this.graded = List.copyOf(graded);
        this.summary = summary;
        this.clustering = clustering;
    }

    /** Writes the report atomically (a half-written file is never left behind, even on Ctrl-C). */
    static void write(Path file, Settings settings, List<Graded> graded, Summary summary, Summary.Clustering clustering)
            throws IOException {
        String html = new Report(settings, graded, summary, clustering).html();
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.writeString(temporary, html, StandardCharsets.UTF_8);
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Problems (by id, input order) with the responses that have an accuracy verdict, as the summary counts them. */
    private List<List<Graded>> scoredProblems() {
        Map<String, List<Graded>> byProblem = new LinkedHashMap<>();
        graded.stream().filter(Graded::hasAccuracy)
                .forEach(g -> byProblem.computeIfAbsent(g.response().problemId(), p -> new ArrayList<>()).add(g));
        return new ArrayList<>(byProblem.values());
    }

    private static int correct(List<Graded> list) {
        return (int) list.stream().filter(Graded::correct).count();
    }

    String html() {
        StringBuilder page = new StringBuilder(64 * 1024);
        page.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Grading report · ").append(Html.escape(settings.input().getFileName().toString()))
                .append("</title><style>").append(CSS).append("</style></head><body>");
        page.append("<h1>Grading report</h1>");
        if (settings.partial()) {
            page.append("<p class=\"partial\" id=\"partial\">Interrupted: this report covers the ")
                    .append(graded.size()).append(" responses graded before Ctrl-C.</p>");
        }
        settings(page);
        summaryTable(page);
        page.append("<h2>Plots</h2><div class=\"grid\">");
        rewardPlot(page);
        accuracyBySource(page);
        passAndConsAtK(page);
        violations(page);
        languagePlot(page);
        List<Graded> slowest = timePlot(page);
        page.append("</div>");
        if (!slowest.isEmpty()) {
            page.append("<h3>Slowest 20 (the accuracy verifier's time)</h3>");
            rows(page, "slowest", slowest, g -> elapsed(g) + " ms");
        }
        page.append("<h2>To act on</h2>");
        actionTables(page);
        page.append("</body></html>\n");
        return page.toString();
    }

    private void settings(StringBuilder page) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("input", settings.input().toString());
        rows.put("profile", settings.profile());
        rows.put("scored by", settings.scorer());
        rows.put("k", summary.k() == null ? "-" : String.valueOf(summary.k()));
        rows.put("generated", Instant.now().toString());
        rows.put("version", System.getProperty("rewards.version", "dev"));
        page.append("<h2>Settings</h2><table class=\"kv\" id=\"settings\">");
        rows.forEach((k, v) -> page.append("<tr><th>").append(Html.escape(k)).append("</th><td>")
                .append(Html.escape(v)).append("</td></tr>"));
        page.append("</table>");
    }

    private void summaryTable(StringBuilder page) {
        page.append("<h2>Summary</h2><table class=\"kv\" id=\"summary\">");
        summary.toMap().forEach((key, value) -> page.append("<tr data-key=\"").append(key).append("\"><th>")
                .append(Html.escape(key)).append("</th><td class=\"num\" data-value=\"")
                .append(value == null ? "" : value).append("\">").append(Html.escape(display(key, value)))
                .append("</td></tr>"));
        page.append("</table>");
    }

    private static String display(String key, Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Double d && !key.equals("seconds") && !key.equals("language_mean")) {
            return Plots.percentText(d);
        }
        return value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(value);
    }

    private static void figure(StringBuilder page, String title, String note, String svg) {
        page.append("<figure><figcaption>").append(Html.escape(title)).append("</figcaption>").append(svg);
        if (note != null) {
            page.append("<p class=\"note\">").append(Html.escape(note)).append("</p>");
        }
        page.append("</figure>");
    }

    private static void empty(StringBuilder page, String id, String title, String why) {
        page.append("<figure><figcaption>").append(Html.escape(title)).append("</figcaption><p class=\"note\" id=\"")
                .append(id).append("\">").append(Html.escape(why)).append("</p></figure>");
    }

    private void rewardPlot(StringBuilder page) {
        List<Double> rewards = graded.stream().map(g -> g.scored().reward()).filter(r -> r != null).toList();
        if (rewards.isEmpty()) {
            empty(page, "plot-reward", "Reward distribution", "No reward (every sample was unavailable).");
            return;
        }
        double min = rewards.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = rewards.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        figure(page, "Reward distribution", rewards.size() + " rewards, " + (graded.size() - rewards.size()) + " null",
                Plots.histogram("plot-reward", rewards, max > min ? 20 : 1, min, max, "reward"));
    }

    /** data_source when the input has it (veRL), else category, else the task. */
    private String groupingKey() {
        for (String key : List.of("data_source", "category")) {
            if (graded.stream().anyMatch(g -> g.response().fields().get(key) != null)) {
                return key;
            }
        }
        return "task";
    }

    private void accuracyBySource(StringBuilder page) {
        String key = groupingKey();
        Map<String, int[]> counts = new TreeMap<>();
        for (Graded g : graded) {
            if (!g.hasAccuracy()) {
                continue;
            }
            Object value = key.equals("task") ? g.response().sample().task() : g.response().fields().get(key);
            int[] c = counts.computeIfAbsent(value == null ? "(none)" : String.valueOf(value), v -> new int[2]);
            c[0] += g.correct() ? 1 : 0;
            c[1]++;
        }
        if (counts.isEmpty()) {
            empty(page, "plot-accuracy", "Accuracy by " + key, "No response has an accuracy component.");
            return;
        }
        List<Map.Entry<String, int[]>> shown = counts.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, int[]> e) -> -e.getValue()[1])).limit(30).toList();
        figure(page, "Accuracy by " + key, counts.size() > 30 ? "the 30 largest of " + counts.size() + " groups" : null,
                Plots.bars("plot-accuracy", shown.stream().map(Map.Entry::getKey).toList(),
                        shown.stream().map(e -> e.getValue()[0] / (double) e.getValue()[1]).toList(), 1.0,
                        "accuracy", true));
    }

    /**
     * pass@k for every k up to the largest group, with the unbiased estimator over the problems that have at least k
     * responses (as the summary's pass@k), and cons@k (equivalence vote over the first k) for math problems.
     */
    private void passAndConsAtK(StringBuilder page) {
        List<List<Graded>> problems = scoredProblems();
        int maxN = problems.stream().mapToInt(List::size).max().orElse(0);
        if (maxN == 0) {
            empty(page, "plot-pass-at-k", "pass@k and cons@k", "No response has an accuracy component.");
            return;
        }
        List<Double> ks = new ArrayList<>();
        List<Double> pass = new ArrayList<>();
        List<Double> consKs = new ArrayList<>();
        List<Double> cons = new ArrayList<>();
        StringBuilder table = new StringBuilder("<table class=\"small\" id=\"pass-at-k\"><tr><th>k</th><th>pass@k</th>"
                + "<th>problems</th><th>cons@k</th><th>math problems</th></tr>");
        for (int k = 1; k <= maxN; k++) {
            double passSum = 0;
            int passCount = 0;
            double consSum = 0;
            int consCount = 0;
            for (List<Graded> list : problems) {
                if (list.size() < k) {
                    continue;
                }
                passSum += Summary.passAtK(list.size(), correct(list), k);
                passCount++;
                if (list.get(0).response().sample().task().equals("math")) {
                    consSum += Summary.majorityCorrect(list.subList(0, k), clustering) ? 1 : 0;
                    consCount++;
                }
            }
            ks.add((double) k);
            pass.add(passSum / passCount);
            if (consCount > 0) {
                consKs.add((double) k);
                cons.add(consSum / consCount);
            }
            table.append("<tr data-k=\"").append(k).append("\"><td>").append(k).append("</td><td class=\"pass\" data-value=\"")
                    .append(passSum / passCount).append("\">").append(Plots.percentText(passSum / passCount))
                    .append("</td><td>").append(passCount).append("</td><td class=\"cons\"")
                    .append(consCount > 0 ? " data-value=\"" + consSum / consCount + "\">" + Plots.percentText(consSum / consCount) : ">-")
                    .append("</td><td>").append(consCount).append("</td></tr>");
        }
        table.append("</table>");
        List<Plots.Series> series = new ArrayList<>();
        series.add(new Plots.Series("pass@k", "#2456b3", ks, pass));
        if (!cons.isEmpty()) {
            series.add(new Plots.Series("cons@k", "#c0392b", consKs, cons));
        }
        figure(page, "pass@k (unbiased estimator) and cons@k (equivalence vote) vs k",
                "pass@k = mean over problems with n ≥ k of 1 − C(n−c, k)/C(n, k); cons@k votes over the first k responses",
                Plots.lines("plot-pass-at-k", series, "k"));
        page.append("<figure><figcaption>pass@k and cons@k values</figcaption>").append(table).append("</figure>");
    }

    private static Map<?, ?> detail(Graded g, String component) {
        var result = g.component(component);
        return result != null && result.detail() instanceof Map<?, ?> map ? map : Map.of();
    }

    private void violations(StringBuilder page) {
        Map<String, Integer> counts = new TreeMap<>();
        int checked = 0;
        for (Graded g : graded) {
            if (g.formatValid() == null) {
                continue;
            }
            checked++;
            if (detail(g, "format").get("violations") instanceof List<?> list) {
                for (Object v : list) {
                    if (v instanceof Map<?, ?> m) {
                        counts.merge(String.valueOf(m.get("code")), 1, Integer::sum);
                    }
                }
            }
        }
        if (checked == 0) {
            empty(page, "plot-violations", "Format violations by code", "The profile has no format component.");
            return;
        }
        if (counts.isEmpty()) {
            counts.put("(none)", 0);
        }
        figure(page, "Format violations by code", checked + " responses checked",
                Plots.bars("plot-violations", new ArrayList<>(counts.keySet()),
                        counts.values().stream().map(Integer::doubleValue).toList(), null, "responses", false));
    }

    private void languagePlot(StringBuilder page) {
        List<Double> scores = graded.stream().map(Graded::language).filter(v -> v != null).toList();
        if (scores.isEmpty()) {
            empty(page, "plot-language", "Language consistency", "No language-consistency score in this run.");
            return;
        }
        figure(page, "Language consistency", scores.size() + " scores",
                Plots.histogram("plot-language", scores, 10, 0, 1, "share of words in the target language"));
    }

    /** The verifiers' own time per item (math and code report elapsed_ms), the slowest listed. */
    private static Long elapsed(Graded g) {
        return detail(g, "accuracy").get("elapsed_ms") instanceof Number n ? n.longValue() : null;
    }

    /** The histogram; returns the 20 slowest items, listed below the plots. */
    private List<Graded> timePlot(StringBuilder page) {
        List<Graded> timed = graded.stream().filter(g -> elapsed(g) != null).toList();
        if (timed.isEmpty()) {
            empty(page, "plot-time", "Time per item", "No verifier reported a time (no accuracy component).");
            return List.of();
        }
        List<Double> ms = timed.stream().map(g -> (double) elapsed(g)).toList();
        double max = ms.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        figure(page, "Verifier time per item (ms)", "the accuracy verifier's elapsed_ms",
                Plots.histogram("plot-time", ms, 20, 0, Math.max(1, max), "ms"));
        return timed.stream().sorted(Comparator.comparingLong((Graded g) -> -elapsed(g))).limit(20).toList();
    }

    private void actionTables(StringBuilder page) {
        page.append("<h3>Correct answers with an empty or one-line reasoning</h3>");
        rows(page, "short-reasoning", graded.stream().filter(Graded::correct)
                .filter(g -> g.reasoning().strip().lines().filter(l -> !l.isBlank()).count() <= 1).limit(TABLE_ROWS)
                .toList(), g -> "reasoning: " + clip(g.reasoning().strip(), 80));
        page.append("<h3>Correct but failing the format</h3>");
        rows(page, "correct-bad-format", graded.stream().filter(Graded::correct)
                .filter(g -> Boolean.FALSE.equals(g.formatValid())).limit(TABLE_ROWS).toList(), g -> {
                    Object list = detail(g, "format").get("violations");
                    return list instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> m
                            ? String.valueOf(m.get("code")) : "invalid";
                });
        page.append("<h3>The 20 longest responses</h3>");
        rows(page, "longest", graded.stream()
                .sorted(Comparator.comparingInt((Graded g) -> -g.response().sample().response().length()))
                .limit(TABLE_ROWS).toList(), g -> g.response().sample().response().length() + " characters");
        page.append("<h3>No GRPO signal: every sample wrong or every sample right</h3>");
        List<List<Graded>> uniform = scoredProblems().stream().filter(list -> list.size() > 1)
                .filter(list -> correct(list) == 0 || correct(list) == list.size()).toList();
        page.append("<p class=\"note\" id=\"no-signal-count\">").append(uniform.size())
                .append(" problems with more than one response</p>");
        rows(page, "no-signal", uniform.stream().limit(TABLE_ROWS).map(list -> list.get(0)).toList(), g -> {
            List<Graded> list = uniform.stream().filter(l -> l.get(0) == g).findFirst().orElseThrow();
            return correct(list) == 0 ? "all " + list.size() + " wrong" : "all " + list.size() + " right";
        });
    }

    private void rows(StringBuilder page, String id, List<Graded> rows, java.util.function.Function<Graded, String> why) {
        if (rows.isEmpty()) {
            page.append("<p class=\"note\" id=\"").append(id).append("\">None.</p>");
            return;
        }
        page.append("<table class=\"rows\" id=\"").append(id).append("\"><tr><th>line</th><th>problem</th>")
                .append("<th>reward</th><th>answer</th><th>why listed</th><th>response</th><th></th></tr>");
        for (Graded g : rows) {
            page.append("<tr><td>").append(g.response().line()).append("</td><td>")
                    .append(Html.escape(g.response().problemId())).append("</td><td class=\"num\">")
                    .append(g.scored().reward() == null ? "null" : Plots.number(g.scored().reward())).append("</td><td>")
                    .append(Html.escape(clip(g.answer(), 40))).append("</td><td>").append(Html.escape(why.apply(g)))
                    .append("</td><td class=\"text\">").append(Html.escape(clip(g.response().sample().response(), 120)))
                    .append("</td><td><a href=\"").append(Html.escape(playgroundLink(g)))
                    .append("\">open in playground</a></td></tr>");
        }
        page.append("</table>");
    }

    /** The playground's permalink for a response: its inputs in the URL fragment, each value URL-encoded. */
    String playgroundLink(Graded g) {
        Sample sample = g.response().sample();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("profile", settings.profile());
        params.put("task", sample.task());
        if (sample.gold() != null) {
            params.put("gold", sample.gold());
        }
        if (sample.tests() != null) {
            params.put("tests", WireJson.MAPPER.writeValueAsString(sample.tests()));
            params.put("language", sample.language());
        }
        if (sample.targetLanguage() != null) {
            params.put("target_language", sample.targetLanguage());
        }
        params.put("response", sample.response());
        StringBuilder link = new StringBuilder(settings.playgroundUrl()).append('#');
        params.forEach((k, v) -> link.append(link.charAt(link.length() - 1) == '#' ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return link.toString();
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        String flat = text.replace('\n', ' ');
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d232b;margin:16px auto;
            max-width:1200px;padding:0 12px}h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:24px}
            h3{font-size:1rem;margin-top:18px}table{border-collapse:collapse;font-size:.88rem}
            th,td{border-bottom:1px solid #dde1e6;padding:3px 8px;text-align:left;vertical-align:top}
            td.num{text-align:right;font-variant-numeric:tabular-nums}table.kv th{color:#5b6573;font-weight:500}
            .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px}
            figure{margin:0;border:1px solid #dde1e6;border-radius:6px;padding:8px;overflow-x:auto}
            figcaption{font-weight:600;margin-bottom:4px}svg.plot{width:100%;height:auto;max-width:640px}
            .note{color:#5b6573;font-size:.82rem}.partial{background:#fff4d6;border-left:3px solid #9a6700;padding:6px 8px}
            table.rows{width:100%}td.text{font-family:ui-monospace,monospace;font-size:.8rem;overflow-wrap:anywhere}
            @media (max-width:700px){.grid{grid-template-columns:1fr}}
            """;
}

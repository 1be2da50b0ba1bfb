package dev.rewards.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rewards.gateway.Sample;
import dev.rewards.math.MathVerifier;
import dev.rewards.web.WireJson;

/**
 * {@code ./rewards grade} and {@code ./rewards filter}: score a JSONL of model outputs with the suite's rules —
 * in this process (default) or through a gateway ({@code --url}) — then print accuracy, pass@k and cons@k, or keep
 * what R1-style rejection sampling keeps. Exit codes: 0 done, 1 failure, 2 usage error.
 */
public final class RewardsCli {

    static final String USAGE = """
            Usage:
              rewards grade  INPUT.jsonl [--output OUT.jsonl] [--profile r1] [--url http://gateway] [--api-key KEY]
                             [--k N] [--json] [--report report.html]
              rewards filter INPUT.jsonl --output KEPT.jsonl [--profile r1] [--url …] [--api-key KEY]
                             [--min-language 0.95] [--max-paragraph-words 300] [--allow-code]
                             [--per-problem N] [--pick shortest|random] [--seed S]

            Input lines are gateway samples (response, gold or tests, task, prompt, …); several responses to one
            problem come as "responses": [...] on one line or as lines sharing a "problem_id".
            """;
    private static final int CHUNK = 512;

    private final PrintStream out;
    private final PrintStream err;

    RewardsCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new RewardsCli(System.out, System.err).run(args));
    }

    int run(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try (Scorer scorer = options.url() != null ? new GatewayScorer(options.url(), options.apiKey())
                : new EmbeddedScorer(System.getProperty("rewards.version", "0.1.0-SNAPSHOT"), 2)) {
            return options.command().equals("grade") ? grade(options, scorer) : filter(options, scorer);
        } catch (IOException | RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int grade(Options options, Scorer scorer) throws IOException {
        Run run = score(options, scorer);
        if (!run.completed()) {
            return 130;
        }
        Summary summary = run.summary(options.k());
        out.print(options.json() ? WireJson.MAPPER.writeValueAsString(summary.toMap()) + "\n" : summary.table());
        writeReport(options, run, summary, false);
        return 0;
    }

    /** The HTML report of {@code --report}, at the end of a run or (partial) on Ctrl-C. */
    private void writeReport(Options options, Run run, Summary summary, boolean partial) throws IOException {
        if (options.report() == null || !options.command().equals("grade")) {
            return;
        }
        String gateway = options.url() != null ? options.url().replaceAll("/+$", "") : "http://localhost:8080";
        Report.write(options.report(), new Report.Settings(options.input(), options.profile(),
                options.url() != null ? "gateway " + options.url() : "embedded (the services' cores in this process)",
                gateway + "/", partial), run.graded(), summary, run.clustering());
        err.println("report: " + options.report().toAbsolutePath());
    }

    private int filter(Options options, Scorer scorer) throws IOException {
        if (options.output() == null) {
            throw new IllegalArgumentException("filter needs --output KEPT.jsonl");
        }
        Run run = score(options.withoutOutput(), scorer);
        if (!run.completed()) {
            return 130;
        }
        RejectionSampling.Outcome outcome = RejectionSampling.apply(run.graded(), options.filterSettings());
        try (BufferedWriter writer = Files.newBufferedWriter(options.output(), StandardCharsets.UTF_8)) {
            for (Map<String, Object> record : outcome.kept()) {
                writer.write(WireJson.MAPPER.writeValueAsString(record));
                writer.newLine();
            }
        }
        out.printf("  %-52s %8d%n", "responses", run.graded().size());
        out.printf("  %-52s %8d%n", "bad input lines (skipped)", run.badLines().size());
        outcome.dropped().forEach((rule, count) -> out.printf("  %-52s %8d%n", "dropped: " + rule.description, count));
        out.printf("  %-52s %8d  → %s%n", "kept", outcome.kept().size(), options.output());
        return 0;
    }

    /** Scores all responses in chunks, writing grade lines as it goes; Ctrl-C ends with the partial summary. */
    private Run score(Options options, Scorer scorer) throws IOException {
        Responses input = Responses.read(options.input());
        input.badLines().forEach(line -> err.println("skipped " + line));
        Run run = new Run(new ArrayList<>(), input.badLines(), System.nanoTime());
        Progress progress = new Progress(err, input.responses().size());
        BufferedWriter writer = options.output() == null ? null
                : Files.newBufferedWriter(options.output(), StandardCharsets.UTF_8);
        Thread partial = new Thread(() -> {
            synchronized (run) {
                if (!run.finished) {
                    progress.finish();
                    err.println("interrupted: summary of the " + run.graded().size() + " responses graded so far");
                    Summary summary = run.summary(options.k());
                    err.print(summary.table());
                    flush(writer);
                    try {
                        writeReport(options, run, summary, true);
                    } catch (IOException | RuntimeException e) {
                        err.println("report not written: " + e.getMessage());
                    }
                }
            }
        });
        Runtime.getRuntime().addShutdownHook(partial);
        try {
            List<Responses.Response> all = input.responses();
            for (int from = 0; from < all.size(); from += CHUNK) {
                List<Responses.Response> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
                List<Sample> samples = chunk.stream().map(Responses.Response::sample).toList();
                List<Scorer.Scored> scored = scorer.score(options.profile(), samples);
                synchronized (run) {
                    for (int i = 0; i < chunk.size(); i++) {
                        Graded graded = new Graded(chunk.get(i), scored.get(i));
                        run.graded().add(graded);
                        if (writer != null) {
                            writer.write(WireJson.MAPPER.writeValueAsString(graded.line()));
                            writer.newLine();
                        }
                    }
                }
                progress.update(from + chunk.size());
            }
            synchronized (run) {
                run.finished = true;
            }
            progress.finish();
            return run;
        } finally {
            if (writer != null) {
                writer.close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(partial);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it prints the partial summary
            }
        }
    }

    private static void flush(BufferedWriter writer) {
        if (writer != null) {
            try {
                writer.flush();
            } catch (IOException ignored) {
                // the partial output is best effort while the JVM exits
            }
        }
    }

    /** The graded responses of a run. */
    static final class Run {
        private final List<Graded> graded;
        private final List<String> badLines;
        private final long started;
        private boolean finished;
        private MathVerifier clusterer;

        Run(List<Graded> graded, List<String> badLines, long started) {
            this.graded = graded;
            this.badLines = badLines;
            this.started = started;
        }

        List<Graded> graded() {
            return graded;
        }

        List<String> badLines() {
            return badLines;
        }

        boolean completed() {
            return finished;
        }

        Summary summary(Integer k) {
            double seconds = (System.nanoTime() - started) / 1e9;
            return Summary.of(graded, badLines.size(), k, clustering(), seconds);
        }

        Summary.Clustering clustering() {
            return answers -> {
                if (clusterer == null) {
                    clusterer = new MathVerifier(1000);
                }
                return clusterer.cluster(answers, new ArrayList<>());
            };
        }
    }

    /** Command-line options of both commands. */
    record Options(String command, Path input, Path output, String profile, String url, String apiKey, Integer k,
                   boolean json, RejectionSampling.Settings filterSettings, Path report) {

        Options withoutOutput() {
            return new Options(command, input, null, profile, url, apiKey, k, json, filterSettings, report);
        }

        static Options parse(String[] args) {
            if (args.length < 2 || !(args[0].equals("grade") || args[0].equals("filter"))) {
                throw new IllegalArgumentException(args.length == 0 ? "no command" : "expected grade or filter INPUT.jsonl");
            }
            Map<String, String> values = new LinkedHashMap<>();
            List<String> flags = List.of("--json", "--allow-code");
            List<String> valued = List.of("--output", "--profile", "--url", "--api-key", "--k", "--min-language",
                    "--max-paragraph-words", "--per-problem", "--pick", "--seed", "--report");
            for (int i = 2; i < args.length; i++) {
                if (flags.contains(args[i])) {
                    values.put(args[i], "true");
                } else if (valued.contains(args[i]) && i + 1 < args.length) {
                    values.put(args[i], args[++i]);
                } else {
                    throw new IllegalArgumentException("unknown or incomplete option: " + args[i]);
                }
            }
            Path input = Path.of(args[1]);
            if (!Files.isReadable(input)) {
                throw new IllegalArgumentException("cannot read " + input);
            }
            String pick = values.getOrDefault("--pick", "shortest");
            if (!pick.equals("shortest") && !pick.equals("random")) {
                throw new IllegalArgumentException("--pick: shortest or random");
            }
            Integer k = values.containsKey("--k") ? positive("--k", values.get("--k")) : null;
            RejectionSampling.Settings settings = new RejectionSampling.Settings(
                    Double.parseDouble(values.getOrDefault("--min-language", "0.95")),
                    positive("--max-paragraph-words", values.getOrDefault("--max-paragraph-words", "300")),
                    values.containsKey("--allow-code"),
                    values.containsKey("--per-problem") ? positive("--per-problem", values.get("--per-problem")) : null,
                    pick.equals("random"), Long.parseLong(values.getOrDefault("--seed", "0")));
            return new Options(args[0], input, values.containsKey("--output") ? Path.of(values.get("--output")) : null,
                    values.getOrDefault("--profile", "r1"), values.get("--url"),
                    values.getOrDefault("--api-key", System.getenv("REWARDS_API_KEY")), k,
                    values.containsKey("--json"), settings,
                    values.containsKey("--report") ? Path.of(values.get("--report")) : null);
        }

        private static int positive(String option, String value) {
            try {
                int parsed = Integer.parseInt(value);
                if (parsed > 0) {
                    return parsed;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(option + ": a positive integer expected, got '" + value + "'");
        }
    }
}

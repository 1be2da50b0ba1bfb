package dev.rewards.code.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.rewards.code.CodeJudge;
import dev.rewards.code.CodeResult;
import dev.rewards.code.CodeSubmission;
import dev.rewards.code.Language;
import dev.rewards.code.LimitPolicy;
import dev.rewards.code.ProgramRun;
import dev.rewards.code.Sandboxes;
import dev.rewards.code.docker.DockerSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hostile corpus ({@code attack-corpus.jsonl}): every attack class found against the sandbox and every
 * legitimate tricky program, each with the verdict it must get, judged through {@link CodeJudge} on real
 * containers. One container per language, so a row's {@code setup} submissions (plants) run in the container that
 * then serves the row.
 *
 * <p>A row is self-contained: {@code id}, {@code class}, {@code language}, {@code code}, {@code tests} (the wire
 * format of {@code /v1/code/verify}), optional {@code limits}, {@code scoring}, {@code setup} (a list of
 * {@code {code, tests?}} run first, their verdicts ignored), {@code expected} (a verdict's wire name, or
 * {@code bad_request}) and {@code note}. Rows with {@code mode: run} go through {@code /v1/code/run}'s path instead,
 * with {@code stdin}, {@code binary_files}, {@code fetch_files} and {@code expected_files} (names that must come
 * back). Any string may be written as {@code {"$repeat": [text, count], "$prefix"?, "$suffix"?}}.
 */
class AttackCorpusIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LimitPolicy POLICY = LimitPolicy.STANDARD;
    private static DockerSandbox sandbox;
    private static CodeJudge judge;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandboxes.start(1);
        judge = new CodeJudge(sandbox, POLICY);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @TestFactory
    Stream<DynamicTest> everyRowGetsItsVerdict() throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (InputStream in = AttackCorpusIT.class.getResourceAsStream("/attack-corpus.jsonl");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.add(expand(JSON.readValue(line, new TypeReference<Map<String, Object>>() { })));
                }
            }
        }
        assertThat(rows).extracting(row -> row.get("id")).doesNotHaveDuplicates();
        return rows.stream().map(row -> DynamicTest.dynamicTest(row.get("class") + " " + row.get("id"),
                () -> check(row)));
    }

    @SuppressWarnings("unchecked")
    private static <T> T expand(T value) {
        if (value instanceof Map<?, ?> raw) {
            Map<String, Object> map = (Map<String, Object>) raw;
            if (map.containsKey("$repeat")) {
                List<Object> repeat = (List<Object>) map.get("$repeat");
                return (T) (map.getOrDefault("$prefix", "") + repeat.get(0).toString()
                        .repeat(((Number) repeat.get(1)).intValue()) + map.getOrDefault("$suffix", ""));
            }
            Map<String, Object> expanded = new LinkedHashMap<>();
            map.forEach((key, item) -> expanded.put((String) key, expand(item)));
            return (T) expanded;
        }
        if (value instanceof List<?> list) {
            return (T) list.stream().map(AttackCorpusIT::expand).toList();
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> row) {
        String language = (String) row.get("language");
        String expected = (String) row.get("expected");
        for (Map<String, Object> setup : (List<Map<String, Object>>) row.getOrDefault("setup", List.of())) {
            Object tests = setup.getOrDefault("tests", Map.of("format", "stdio",
                    "cases", List.of(Map.of("input", "", "output", ""))));
            judge.verify(submission(language, (String) setup.get("code"), tests, null, null));
        }
        if ("run".equals(row.get("mode"))) {
            checkRun(row, language, expected);
            return;
        }
        CodeSubmission submission = submission(language, (String) row.get("code"), row.get("tests"),
                (Map<String, Object>) row.get("limits"), (String) row.get("scoring"));
        if ("bad_request".equals(expected)) {
            assertThatThrownBy(() -> judge.verify(submission)).as("%s", row.get("id"))
                    .isInstanceOf(IllegalArgumentException.class);
            return;
        }
        CodeResult result = judge.verify(submission);
        assertThat(result.status().wireName()).as("%s (%s): %s", row.get("id"), row.get("note"), result)
                .isEqualTo(expected);
    }

    @SuppressWarnings("unchecked")
    private static void checkRun(Map<String, Object> row, String language, String expected) {
        Map<String, String> binaryFiles = (Map<String, String>) row.getOrDefault("binary_files", Map.of());
        List<String> fetchFiles = (List<String>) row.getOrDefault("fetch_files", List.of());
        Runnable run = () -> judge.run(Language.fromWireName(language), (String) row.get("code"),
                (String) row.getOrDefault("stdin", ""), WireSubmissions.limits(
                        (Map<String, Object>) row.get("limits"), POLICY), binaryFiles, fetchFiles);
        if ("bad_request".equals(expected)) {
            assertThatThrownBy(run::run).as("%s", row.get("id")).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        ProgramRun result = judge.run(Language.fromWireName(language), (String) row.get("code"),
                (String) row.getOrDefault("stdin", ""), WireSubmissions.limits(
                        (Map<String, Object>) row.get("limits"), POLICY), binaryFiles, fetchFiles);
        assertThat(result.status().wireName()).as("%s (%s): %s", row.get("id"), row.get("note"), result)
                .isEqualTo(expected);
        assertThat(result.files().keySet()).as("%s: fetched files", row.get("id"))
                .containsExactlyInAnyOrderElementsOf((List<String>) row.getOrDefault("expected_files", List.of()));
    }

    private static CodeSubmission submission(String language, String code, Object tests, Map<String, Object> limits,
                                             String scoring) {
        return WireSubmissions.toSubmission(new VerifyRequest(null, language, null, code, tests, limits, null,
                scoring, null), POLICY);
    }
}

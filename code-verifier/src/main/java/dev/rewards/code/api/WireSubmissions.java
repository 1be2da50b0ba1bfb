package dev.rewards.code.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rewards.code.CodeLimits;
import dev.rewards.code.CodeSubmission;
import dev.rewards.code.Language;
import dev.rewards.code.LimitPolicy;
import dev.rewards.code.TestSuite;
import dev.rewards.code.judge.CompareMode;
import dev.rewards.code.judge.OutputComparison;
import dev.rewards.web.WireValues;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire forms of a submission's tests, limits and comparison, turned into the core's types with error messages
 * that name the field. Accepted test layouts: {@code {"format": "stdio" | "call" | "assert", …}} and the
 * APPS/TACO/LiveCodeBench layout {@code {"inputs": [...], "outputs": [...], "fn_name": opt}}.
 */
final class WireSubmissions {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WireSubmissions() {
    }

    static CodeSubmission toSubmission(VerifyRequest request, LimitPolicy policy) {
        Language language = Language.fromWireName(request.language());
        TestSuite tests = tests(request.tests());
        CodeLimits limits = limits(request.limits(), policy);
        boolean fraction = switch (request.scoring() == null ? "all_or_nothing" : request.scoring()) {
            case "all_or_nothing" -> false;
            case "fraction" -> true;
            default -> throw new IllegalArgumentException("scoring: unknown value '" + request.scoring()
                    + "', expected all_or_nothing or fraction");
        };
        boolean stop = request.stopOnFirstFailure() == null ? !fraction : request.stopOnFirstFailure();
        return new CodeSubmission(request.id(), language, request.response(), request.code(), tests, limits,
                comparison(request.compare()), fraction, stop);
    }

    static CodeLimits limits(Map<String, Object> limits, LimitPolicy policy) {
        Map<String, Object> values = limits == null ? Map.of() : limits;
        return policy.resolve(WireValues.integer(values, "limits.", "time_ms", null),
                WireValues.integer(values, "limits.", "memory_mb", null),
                WireValues.integer(values, "limits.", "output_kb", null));
    }

    static OutputComparison comparison(Map<String, Object> compare) {
        if (compare == null) {
            return OutputComparison.DEFAULT;
        }
        Object mode = compare.get("mode");
        if (mode != null && !(mode instanceof String)) {
            throw new IllegalArgumentException("compare.mode: a string is required");
        }
        return new OutputComparison(mode == null ? CompareMode.LINES : CompareMode.fromWireName((String) mode),
                WireValues.bool(compare, "compare.", "case_insensitive", false),
                WireValues.number(compare, "compare.", "float_tolerance", 1e-6));
    }

    @SuppressWarnings("unchecked")
    static TestSuite tests(Object wire) {
        if (!(wire instanceof Map)) {
            throw new IllegalArgumentException("tests: an object is required");
        }
        Map<String, Object> tests = (Map<String, Object>) wire;
        if (tests.containsKey("inputs") || tests.containsKey("outputs")) {
            return appsLayout(tests);
        }
        Object format = tests.get("format");
        if (format == null) {
            throw new IllegalArgumentException("tests.format: required (stdio, call, assert or interactive)");
        }
        return switch (String.valueOf(format)) {
            case "stdio" -> {
                List<TestSuite.StdioCase> cases = new ArrayList<>();
                List<Object> wireCases = list(tests.get("cases"), "tests.cases");
                for (int i = 0; i < wireCases.size(); i++) {
                    Map<String, Object> c = map(wireCases.get(i), "tests.cases[" + i + "]");
                    cases.add(new TestSuite.StdioCase(string(c.get("input"), "tests.cases[" + i + "].input", true),
                            string(c.get("output"), "tests.cases[" + i + "].output", false)));
                }
                yield new TestSuite.Stdio(cases, tests.get("checker") == null ? null : checker(tests.get("checker")));
            }
            case "interactive" -> {
                List<String> inputs = new ArrayList<>();
                List<Object> wireCases = list(tests.get("cases"), "tests.cases");
                for (int i = 0; i < wireCases.size(); i++) {
                    Map<String, Object> c = map(wireCases.get(i), "tests.cases[" + i + "]");
                    inputs.add(string(c.get("input"), "tests.cases[" + i + "].input", true));
                }
                if (tests.get("interactor") == null) {
                    throw new IllegalArgumentException("tests.interactor: required for interactive tests");
                }
                yield new TestSuite.Interactive(judgeProgram(tests.get("interactor"), "tests.interactor."), inputs);
            }
            case "call" -> {
                List<TestSuite.CallCase> cases = new ArrayList<>();
                List<Object> wireCases = list(tests.get("cases"), "tests.cases");
                for (int i = 0; i < wireCases.size(); i++) {
                    Map<String, Object> c = map(wireCases.get(i), "tests.cases[" + i + "]");
                    Object args = c.get("args");
                    if (!(args instanceof List) && !(args instanceof Map)) {
                        throw new IllegalArgumentException("tests.cases[" + i + "].args: a list or object is required");
                    }
                    if (!c.containsKey("expected")) {
                        throw new IllegalArgumentException("tests.cases[" + i + "].expected: required");
                    }
                    cases.add(new TestSuite.CallCase(args, c.get("expected")));
                }
                yield new TestSuite.Call(string(tests.get("fn_name"), "tests.fn_name", false), cases);
            }
            case "assert" -> new TestSuite.Assert(string(tests.get("test_code"), "tests.test_code", false),
                    (String) tests.get("entry_point"), string(tests.get("prelude"), "tests.prelude", true));
            default -> throw new IllegalArgumentException("tests.format: unknown value '" + format
                    + "', expected stdio, call, assert or interactive");
        };
    }

    /**
     * {@code {"language", "source", "files"?, "protocol"?: "testlib" (default) | "kattis",
     * "presentation_error"?: "wrong_answer" (default) | "accepted"}}.
     */
    private static TestSuite.Checker checker(Object wire) {
        Map<String, Object> checker = map(wire, "tests.checker");
        Object protocol = checker.getOrDefault("protocol", "testlib");
        TestSuite.CheckerProtocol parsed = switch (String.valueOf(protocol)) {
            case "testlib" -> TestSuite.CheckerProtocol.TESTLIB;
            case "kattis" -> TestSuite.CheckerProtocol.KATTIS;
            default -> throw new IllegalArgumentException("tests.checker.protocol: unknown value '" + protocol
                    + "', expected testlib or kattis");
        };
        Object pe = checker.getOrDefault("presentation_error", "wrong_answer");
        boolean peAccepted = switch (String.valueOf(pe)) {
            case "wrong_answer" -> false;
            case "accepted" -> true;
            default -> throw new IllegalArgumentException("tests.checker.presentation_error: unknown value '" + pe
                    + "', expected wrong_answer or accepted");
        };
        if (peAccepted && parsed == TestSuite.CheckerProtocol.KATTIS) {
            throw new IllegalArgumentException("tests.checker.presentation_error: testlib checkers only");
        }
        return new TestSuite.Checker(judgeProgram(checker, "tests.checker."), parsed, peAccepted);
    }

    @SuppressWarnings("unchecked")
    private static TestSuite.JudgeProgram judgeProgram(Object wire, String prefix) {
        Map<String, Object> program = map(wire, prefix.substring(0, prefix.length() - 1));
        try {
            Map<String, String> files = new java.util.LinkedHashMap<>();
            Object wireFiles = program.get("files");
            if (wireFiles != null) {
                for (Map.Entry<String, Object> file : map(wireFiles, "files").entrySet()) {
                    files.put(file.getKey(), string(file.getValue(), "files." + file.getKey(), false));
                }
            }
            return new TestSuite.JudgeProgram(Language.fromWireName(string(program.get("language"), "language", false)),
                    string(program.get("source"), "source", false), files);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + e.getMessage(), e);
        }
    }

    /**
     * APPS/TACO/LiveCodeBench: with {@code fn_name} each input is the JSON arguments (a list, or a string of
     * newline-separated JSON values) and each output the JSON result; otherwise inputs/outputs are stdin/stdout
     * (a list of lines is joined).
     */
    private static TestSuite appsLayout(Map<String, Object> tests) {
        List<Object> inputs = list(tests.get("inputs"), "tests.inputs");
        List<Object> outputs = list(tests.get("outputs"), "tests.outputs");
        if (inputs.size() != outputs.size()) {
            throw new IllegalArgumentException("tests.outputs: " + outputs.size() + " outputs for " + inputs.size()
                    + " inputs");
        }
        Object fnName = tests.get("fn_name");
        if (fnName == null || "".equals(fnName)) {
            List<TestSuite.StdioCase> cases = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                cases.add(new TestSuite.StdioCase(text(inputs.get(i)), text(outputs.get(i))));
            }
            return new TestSuite.Stdio(cases);
        }
        List<TestSuite.CallCase> cases = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            cases.add(new TestSuite.CallCase(callArgs(inputs.get(i), i), jsonValue(outputs.get(i))));
        }
        return new TestSuite.Call(String.valueOf(fnName), cases);
    }

    private static Object callArgs(Object input, int index) {
        if (input instanceof List<?> || input instanceof Map<?, ?>) {
            return input;
        }
        if (!(input instanceof String text)) {
            throw new IllegalArgumentException("tests.inputs[" + index + "]: a list or a string is required");
        }
        List<Object> args = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                args.add(jsonValue(line));
            }
        }
        return args;
    }

    private static Object jsonValue(Object value) {
        if (!(value instanceof String text)) {
            return value;
        }
        try {
            return JSON.readValue(text, Object.class);
        } catch (JacksonException e) {
            return text;
        }
    }

    private static String text(Object value) {
        if (value instanceof List<?> lines) {
            StringBuilder joined = new StringBuilder();
            lines.forEach(line -> joined.append(line).append('\n'));
            return joined.toString();
        }
        return value == null ? "" : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String field) {
        if (!(value instanceof List)) {
            throw new IllegalArgumentException(field + ": a list is required");
        }
        return (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String field) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(field + ": an object is required");
        }
        return (Map<String, Object>) value;
    }

    private static String string(Object value, String field, boolean optional) {
        if (value == null && optional) {
            return "";
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(field + ": a string is required");
        }
        return text;
    }
}

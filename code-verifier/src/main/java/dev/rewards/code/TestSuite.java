package dev.rewards.code;

import java.util.List;
import java.util.Map;

/** The tests of a submission, in one of the layouts trainers' datasets use. */
public sealed interface TestSuite permits TestSuite.Stdio, TestSuite.Call, TestSuite.Assert, TestSuite.Interactive {

    int size();

    /**
     * Programs read {@code input} on stdin; their stdout is compared with {@code output} — or, with a
     * {@code checker}, judged by the checker, which gets {@code output} as the judge's answer file.
     */
    record Stdio(List<StdioCase> cases, Checker checker) implements TestSuite {
        public Stdio {
            cases = List.copyOf(cases);
            if (cases.isEmpty()) {
                throw new IllegalArgumentException("tests.cases: at least one test case is required");
            }
        }

        public Stdio(List<StdioCase> cases) {
            this(cases, null);
        }

        @Override
        public int size() {
            return cases.size();
        }
    }

    record StdioCase(String input, String output) {
        public StdioCase {
            input = input == null ? "" : input;
            if (output == null) {
                throw new IllegalArgumentException("output: required");
            }
        }
    }

    /**
     * Python only: {@code fnName} is a top-level function or a method of {@code Solution} (LeetCode); each case's
     * arguments are a JSON list (positional) or object (keywords); the result must be JSON-equal to the expected value.
     */
    record Call(String fnName, List<CallCase> cases) implements TestSuite {
        public Call {
            if (fnName == null || !fnName.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("tests.fn_name: a Python identifier is required");
            }
            cases = List.copyOf(cases);
            if (cases.isEmpty()) {
                throw new IllegalArgumentException("tests.cases: at least one test case is required");
            }
        }

        @Override
        public int size() {
            return cases.size();
        }
    }

    /** {@code args} is a JSON list or object (as Java lists/maps); {@code expected} any JSON value. */
    record CallCase(Object args, Object expected) {
    }

    /**
     * HumanEval/MBPP style: {@code testCode} runs after the program in the same module; with an {@code entryPoint},
     * {@code check(entryPoint)} is called when the test code defines {@code check} without calling it. Passes only
     * when the test code ran to its end. {@code prelude} (optional): trusted code run before the tests in their own
     * namespace — HumanEval's prompt, whose helpers (poly, encode_cyclic, encode_shift) the tests call; taken from
     * the solution instead, a solution could redefine them (encode_cyclic and decode_cyclic both the identity pass).
     * The entry point's name stays the solution's.
     */
    record Assert(String testCode, String entryPoint, String prelude) implements TestSuite {
        public Assert(String testCode, String entryPoint) {
            this(testCode, entryPoint, null);
        }

        public Assert {
            if (testCode == null || testCode.isBlank()) {
                throw new IllegalArgumentException("tests.test_code: required");
            }
            if (entryPoint != null && !entryPoint.matches("[A-Za-z_][A-Za-z0-9_.()]*")) {
                throw new IllegalArgumentException("tests.entry_point: a Python name is required");
            }
        }

        @Override
        public int size() {
            return 1;
        }
    }

    /**
     * A problem's own judging program (checker or interactor): dataset code, untrusted, compiled once per distinct
     * source and run with a submission's isolation under a uid of its own. {@code files} are extra source files
     * (e.g. {@code testlib.h}) next to it at compile time. Every language may be one; where it runs is
     * Companions.hosts (a runtime-bound one, such as Java, runs with submissions of its own runtime only).
     */
    record JudgeProgram(Language language, String source, Map<String, String> files) {
        public JudgeProgram {
            if (language == null) {
                throw new IllegalArgumentException("language: required");
            }
            if (source == null || source.isBlank()) {
                throw new IllegalArgumentException("source: required");
            }
            files = files == null ? Map.of() : Map.copyOf(files);
            for (String name : files.keySet()) {
                if (!name.matches("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,99}") || name.startsWith("checker")
                        || name.startsWith("interactor")) {
                    throw new IllegalArgumentException("files: '" + name + "' is not a plain file name (letters,"
                            + " digits, . _ + -; not checker* or interactor*)");
                }
            }
        }
    }

    /** How a checker is called and what its exit code means (README, "Checkers"). */
    enum CheckerProtocol {
        /** {@code checker <input> <output> <answer>}; 0 accepted, 1 wrong answer, 2 presentation error, 3 judge failure, 7 partial. */
        TESTLIB,
        /** {@code validator <input> <judge_answer> <feedback_dir> < team_output}; 42 accepted, 43 wrong answer. */
        KATTIS
    }

    /** {@code presentationErrorAccepted}: testlib's exit 2 counts as accepted (default: wrong answer). */
    record Checker(JudgeProgram program, CheckerProtocol protocol, boolean presentationErrorAccepted) {
        public Checker {
            if (program == null || protocol == null) {
                throw new IllegalArgumentException("checker: program and protocol are required");
            }
        }
    }

    /**
     * The program talks to {@code interactor} over its stdin/stdout; the interactor reads each test's {@code input}
     * as a file (argv[1]) and decides by its exit code (testlib: 0 accepted, 1 wrong answer, 2 presentation error,
     * 3 judge failure).
     */
    record Interactive(JudgeProgram interactor, List<String> inputs) implements TestSuite {
        public Interactive {
            if (interactor == null) {
                throw new IllegalArgumentException("tests.interactor: required");
            }
            inputs = List.copyOf(inputs);
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException("tests.cases: at least one test case is required");
            }
        }

        @Override
        public int size() {
            return inputs.size();
        }
    }
}

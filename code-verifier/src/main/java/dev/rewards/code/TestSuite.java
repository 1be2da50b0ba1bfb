package dev.rewards.code;

import java.util.List;

/** The tests of a submission, in one of the three layouts trainers' datasets use. */
public sealed interface TestSuite permits TestSuite.Stdio, TestSuite.Call, TestSuite.Assert {

    int size();

    /** Programs read {@code input} on stdin; their stdout is compared with {@code output}. */
    record Stdio(List<StdioCase> cases) implements TestSuite {
        public Stdio {
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
}

"""Tests of the trusted judge (sandbox/common/judge.py) and the callee (sandbox/common/callee.py).

The attack table (harness-attacks.jsonl) runs every row as the runner would: judge and callee as two processes joined
by pipes on fds 3/4 (judged.py). Run from the repository root: python3 -m unittest discover -s sandbox/tests
"""
import concurrent.futures
import json
import math
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import judged  # noqa: E402

sys.path.insert(0, judged.COMMON)
import judge  # noqa: E402
import rewards_wire as wire  # noqa: E402

# CPU seconds are what the limits count; the wall clock is generous, since the machine running the tests may be busy.
TIME_MS = 2000
WALL_MS = int(os.environ.get("REWARDS_TEST_WALL_MS", "20000"))


def load_rows():
    with open(os.path.join(HERE, "harness-attacks.jsonl"), encoding="utf-8") as rows:
        return [json.loads(line) for line in rows if line.strip()]


def judge_input(row):
    return dict(row["tests"], mode=row["mode"])


def run_row(row):
    observation = judged.run(row["code"], judge_input(row), time_ms=TIME_MS, memory_mb=1024, wall_ms=WALL_MS)
    return judged.verdict(observation), judged.judge_result(observation), observation["stderr"][-300:]


class AttackTable(unittest.TestCase):
    """Every attack class fails (never accepted, never a judge failure); every legitimate program is accepted."""

    def test_every_row_gets_its_verdict(self):
        rows = load_rows()
        classes = {row["class"] for row in rows}
        for required in ("early-exit", "excepthook", "fake-output", "fake-protocol", "closed-fds", "always-equal",
                         "bool-tricks", "subclass", "lying-methods", "shadowed-builtins", "monkeypatch", "sys-modules",
                         "import-hijack", "frame-inspection", "gc-walk", "star-import", "int-vs-float", "bool-vs-int",
                         "str-vs-bool", "containers", "base-exception", "generators", "recursion-bomb", "cyclic",
                         "size", "output", "time", "memory", "judge-introspection", "stop-iteration", "judge-crash", "prompt-helpers", "legit"):
            self.assertIn(required, classes)
        workers = int(os.environ.get("REWARDS_TEST_WORKERS", "4"))
        with concurrent.futures.ThreadPoolExecutor(workers) as pool:
            results = list(pool.map(run_row, rows))
        for row, (verdict, result, stderr) in zip(rows, results):
            with self.subTest(row["id"]):
                self.assertIn(verdict, row["expected"], "%s [%s]: %s %s" % (row["id"], row["class"], result, stderr))


class WireFormat(unittest.TestCase):

    def decoder(self):
        return wire.Decoder(lambda n: ("handle", n))

    def test_plain_values_round_trip_with_their_exact_types(self):
        values = [None, True, False, 0, -7, 10 ** 40, -(10 ** 18), 1.5, -0.0, math.inf, "h\u00e9\ud800", b"\x00\xff",
                  bytearray(b"ab"), 2 - 3j, [1, [2.0]], (1, (True,)), {1, "a"}, frozenset({(1, 2)}),
                  {"a": [None], 3: {4.5: ()}}, [0.25] * 20 + [math.inf, -0.0]]
        for value in values:
            data = json.loads(json.dumps(wire.encode(value, lambda o: self.fail(o))))
            back = self.decoder().decode(data)
            self.assertEqual(repr(back), repr(value))
            self.assertTrue(judge.strict_equal(back, value), value)
        nan = self.decoder().decode(wire.encode(math.nan, None))
        self.assertTrue(math.isnan(nan))

    def test_untagged_and_malformed_values_are_rejected(self):
        bad = [1.5, {"x": 1}, {"i": 5}, {"i": "1e5"}, {"i": "-"}, {"i": "9" * 100002}, {"f": "1_0"}, {"f": " 1"},
               {"f": "infinity"}, {"f": 1.0}, {"c": ["1"]}, {"l": {}}, {"s": [{"l": []}]}, {"s": [1, 1]},
               {"d": [[1, 2], [1, 3]]}, {"d": [[{"l": []}, 1]]}, {"d": [[1]]}, {"b": "***"}, {"h": -1},
               {"h": True}, {"n": "os:system"}, {"cb": 0}, {"lf": "1.0  2.0"}, {"lf": 5}, {"a": 1, "b": 2}, [1]]
        for data in bad:
            with self.assertRaises(wire.WireError, msg=data):
                self.decoder().decode(data)

    def test_bounds(self):
        deep = []
        for _ in range(wire.MAX_DEPTH + 5):
            deep = [deep]
        with self.assertRaises(wire.WireError):
            wire.encode(deep, lambda o: {"h": 0})
        cyclic = [1]
        cyclic.append(cyclic)
        with self.assertRaises(wire.WireError):
            wire.encode(cyclic, lambda o: {"h": 0})
        with self.assertRaises(wire.WireError):
            wire.encode(list(range(wire.MAX_NODES + 1)), lambda o: {"h": 0})
        with self.assertRaises(wire.WireError):
            wire.encode(10 ** (wire.MAX_INT_DIGITS + 10), lambda o: {"h": 0})
        shared = [0]
        self.assertEqual(wire.encode([shared, shared], None), {"l": [{"l": [0]}, {"l": [0]}]})

    def test_raw_json_numbers_are_only_small_ints(self):
        for line in (b'{"ok": 1.5}', b'{"ok": NaN}', b'{"ok": ' + b"1" * 19 + b"}"):
            with self.assertRaises(wire.WireError):
                wire._parse(line)
        self.assertEqual(wire._parse(b'{"ok": 123}'), {"ok": 123})

    def test_subclasses_cross_as_their_plain_base_value_through_base_methods(self):
        class Liar(int):
            def __repr__(self):
                return "99"

            def __eq__(self, other):
                return True

            __hash__ = int.__hash__

        class Rows(list):
            def __iter__(self):
                return iter([7])

        self.assertEqual(wire.encode(Liar(3), None, plain_subclasses=True), 3)
        self.assertEqual(wire.encode(Rows([1, 2]), None, plain_subclasses=True), {"l": [1, 2]})
        with self.assertRaises(AssertionError):
            wire.encode(Liar(3), lambda o: (_ for _ in ()).throw(AssertionError("exact types only")))


class StrictEquality(unittest.TestCase):

    def test_table(self):
        equal = [(1, 1), (1, 1.0), (240.0, 240), ("a", "a"), ([1, (2,)], [1, (2,)]), ({1: "a"}, {1: "a"}),
                 ({1, 2}, {2, 1}), ({1}, frozenset({1})), (None, None), (b"x", bytearray(b"x")), (True, True),
                 (math.inf, math.inf), ({"k": [1.0]}, {"k": [1]})]
        different = [(True, 1), (1, True), (False, 0), ("true", True), ("1", 1), ([1], (1,)), ([1, 2], {1, 2}),
                     ({1: 1}, {True: 1}), ({1.0: 1}, {True: 1}), (None, 0), (None, []), ([True], [1]), ({True}, {1}),
                     (2e12, 2000000000001), (0.1 + 0.2, 0.3), (math.nan, math.nan), ("a", b"a"), ([], ()),
                     ({"a": 1}, [("a", 1)])]
        for a, b in equal:
            self.assertTrue(judge.strict_equal(a, b), (a, b))
            self.assertTrue(judge.strict_equal(b, a), (b, a))
        for a, b in different:
            self.assertFalse(judge.strict_equal(a, b), (a, b))
            self.assertFalse(judge.strict_equal(b, a), (b, a))

    def test_call_results_against_json(self):
        equal = [(3, 3, 0), (3, 3.0, 0), (0.30000001, 0.3, 1e-6), ((1, [2]), [1, [2]], 0), (None, None, 0),
                 (math.nan, math.nan, 0), ({"a": 1}, {"a": 1}, 0), (10 ** 30, 10 ** 30, 0), ({1: [2]}, {"1": [2]}, 0)]
        different = [(3.0, 3, 1), (True, 1, 0), (1, True, 0), ("true", True, 0), (0.31, 0.3, 1e-6), ({1, 2}, [1, 2], 0),
                     ({True: 1}, {"True": 1}, 0), ({1: 1, "1": 1}, {"1": 1, "2": 1}, 0), ({1.0: 1}, {"1.0": 1}, 0),
                     (2e12, 2000000000001, 1e-6), (None, 0, 0), ([1], [1, 2], 0)]
        for actual, expected, tolerance in equal:
            self.assertTrue(judge.json_equal(actual, expected, tolerance), (actual, expected))
        for actual, expected, tolerance in different:
            self.assertFalse(judge.json_equal(actual, expected, tolerance), (actual, expected))


class JudgeInputs(unittest.TestCase):

    def test_unusable_test_code_is_a_bad_test_not_a_verdict_on_the_submission(self):
        for spec in ({"mode": "assert", "test_code": "assert f(1) ==", "entry_point": None},
                     {"mode": "assert", "test_code": 5, "entry_point": None}, {"mode": "other"},
                     {"mode": "call", "fn_name": "1x", "args": [], "expected": 1}, "not json {"):
            observation = judged.run("def f(x): return x\n", spec, wall_ms=WALL_MS)
            self.assertEqual(judged.verdict(observation), "bad_test", spec)

    def test_the_verdict_line_is_the_only_stdout_of_the_judge(self):
        observation = judged.run("import this\ndef f(x): return x\n",
                                 {"mode": "assert", "test_code": "import this\nprint('x')\nassert f(1) == 1\n",
                                  "entry_point": None}, wall_ms=WALL_MS)
        self.assertEqual(observation["judge"]["stdout"].count("\n"), 1)
        self.assertEqual(judged.judge_result(observation),
                         {"passed": True, "checks": 1, "failed_check": None, "error": None})

    def test_a_failing_check_is_reported_with_its_text_and_count(self):
        observation = judged.run("def f(x): return x\n",
                                 {"mode": "assert", "test_code": "assert f(1) == 1\nassert f(2) == 3, 'msg'\n",
                                  "entry_point": None}, wall_ms=WALL_MS)
        result = judged.judge_result(observation)
        self.assertEqual(result["checks"], 2)
        self.assertEqual(result["failed_check"], "assert f(2) == 3, 'msg'")
        self.assertEqual(result["error"]["kind"], "wrong_answer")

    def test_solution_namespace_has_fallback_names_without_shadowing_builtins(self):
        observation = judged.run("import builtins\nSEEN = (pow is builtins.pow, 'gcd' in globals(), List is not None)\n"
                                 "def f(): return SEEN\n",
                                 {"mode": "call", "fn_name": "f", "args": [], "expected": [True, False, True],
                                  "float_tolerance": 0}, wall_ms=WALL_MS)
        self.assertEqual(judged.verdict(observation), "accepted", judged.judge_result(observation))


if __name__ == "__main__":
    unittest.main()


class RunnerEnvironment(unittest.TestCase):
    """What a request's env may pass to a process that is not the submission (companion, judge, zygote, harness):
    an allow-list, so that nothing that loads code or changes a start-up gets through, whatever its name."""

    HOSTILE = {"LD_PRELOAD": "/sandbox/work/x.so", "LD_AUDIT": "/sandbox/work/x.so", "NODE_OPTIONS": "--require x",
               "JAVA_TOOL_OPTIONS": "-javaagent:x", "JDK_JAVA_OPTIONS": "-javaagent:x", "RUBYOPT": "-rx",
               "BASH_ENV": "/sandbox/work/x.sh", "GOFLAGS": "-toolexec=x", "PYTHONPATH": "/sandbox/work",
               "PYTHONSTARTUP": "x", "PATH": "/sandbox/work", "HOME": "/sandbox/judge", "PERL5OPT": "-Mx"}

    @classmethod
    def setUpClass(cls):
        import runner
        cls.runner = runner

    def test_a_trusted_environment_keeps_only_allow_listed_names(self):
        env = self.runner.trusted_environment(dict(self.HOSTILE, PYTHONUNBUFFERED="1", GOMEMLIMIT="64MiB"))
        self.assertEqual(env, self.runner.child_environment({"PYTHONUNBUFFERED": "1", "GOMEMLIMIT": "64MiB"}))
        for name, value in self.HOSTILE.items():
            self.assertNotEqual(env.get(name), value, name)

    def test_the_zygote_starts_only_with_allow_listed_names(self):
        def request(env):
            return {"run": {"cmd": ["python3", "main.py"], "env": env}, "tests": [{}, {}]}
        for name, value in self.HOSTILE.items():
            self.assertFalse(self.runner.Zygote.suits(request({name: value})), name)
        if not os.path.lexists(os.path.join(self.runner.WORK, ".local")):
            self.assertTrue(self.runner.Zygote.suits(request({"PYTHONUNBUFFERED": "1"})))

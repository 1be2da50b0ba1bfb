"""Tests of the trusted judge (sandbox/common/judge.py) and the callee (sandbox/common/callee.py).

The attack table (harness-attacks.jsonl) runs every row as the runner would: judge and callee as two processes joined
by pipes on fds 3/4 (judged.py). Run from the repository root: python3 -m unittest discover -s sandbox/tests
"""
import array
import collections
import concurrent.futures
import decimal
import fractions
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

HAVE_NUMPY = judged.has_module("numpy")
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
                         "size", "output", "time", "memory", "judge-introspection", "stop-iteration", "judge-crash", "prompt-helpers", "late-state", "test-forms",
                         "legit"):
            self.assertIn(required, classes)
        workers = int(os.environ.get("REWARDS_TEST_WORKERS", "4"))
        with concurrent.futures.ThreadPoolExecutor(workers) as pool:
            results = list(pool.map(run_row, rows))
        for row, (verdict, result, stderr) in zip(rows, results):
            with self.subTest(row["id"]):
                self.assertIn(verdict, row["expected"], "%s [%s]: %s %s" % (row["id"], row["class"], result, stderr))


def load_table(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as rows:
        return [json.loads(line) for line in rows if line.strip()]


def run_suite(solution, test_code):
    observation = judged.run(solution, {"mode": "assert", "test_code": test_code, "entry_point": None},
                             time_ms=TIME_MS, memory_mb=1024, wall_ms=WALL_MS)
    return judged.verdict(observation), judged.judge_result(observation), observation["stderr"][-300:]


def run_all(cases):
    """[(name, solution, tests, must_pass)] run in parallel; returns the failures as text."""
    workers = int(os.environ.get("REWARDS_TEST_WORKERS", "4"))
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(lambda case: run_suite(case[1], case[2]), cases))
    wrong = []
    for (case_name, _, _, must_pass), (verdict, result, stderr) in zip(cases, results):
        if (verdict == "accepted") != must_pass or verdict in ("judge_failure", "bad_test"):
            wrong.append("%s: %s %s %s" % (case_name, verdict, result, stderr))
    return wrong


# An object equal to everything, whose other answers reveal nothing: it must never pass a check.
ALWAYS_EQUAL = """
class _AlwaysEqual:
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __hash__(self): return 0
    def __bool__(self): return True
    def __lt__(self, other): return True
    __le__ = __gt__ = __ge__ = __lt__
    def __len__(self): return 0
    def __iter__(self): return iter(())
    def __contains__(self, item): return True
    def __getattr__(self, name): return self
    def __call__(self, *args, **kwargs): return self
    def __getitem__(self, key): return self
    def __abs__(self): return self
    def __sub__(self, other): return self
    __add__ = __radd__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __sub__
"""

# A subclass of the value's own type holding a wrong value, whose methods answer as the right value would.
HOSTILE = """
class H({base}):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __hash__(self): return 0
    def __iter__(self): return iter(_RIGHT[0])
    def __len__(self): return len(_RIGHT[0])
    def __getitem__(self, key): return _RIGHT[0][key]
    def __contains__(self, item): return True
    def __repr__(self): return repr(_RIGHT[0])
    def __str__(self): return str(_RIGHT[0])
"""


def value_type_cases(row):
    """A row of value-types.jsonl as four programs: the right one must pass; a wrong value, an object equal to
    everything and a hostile subclass holding a wrong value must not."""
    head = row["imports"] + "\n" + row.get("extra", "") + "\n"
    signature = "def f(%s):\n" % row["params"]

    def program(body, prefix=""):
        return head + prefix + signature + body

    right = program("    return %s\n" % row["right"])
    cases = [(row["type"] + "/right", right, row["tests"], True),
             (row["type"] + "/wrong", program("    return %s\n" % row["wrong"]), row["tests"], False),
             (row["type"] + "/always-equal", program("    return _AlwaysEqual()\n", ALWAYS_EQUAL), row["tests"],
              False)]
    if row.get("hostile"):
        prefix = "_RIGHT = [None]\n" + (HOSTILE.format(base=row["base"]) if row.get("base") else "")
        body = ("    right = %s\n    _RIGHT[0] = list(right) if hasattr(right, '__next__') else right\n"
                "    return %s\n") % (row["right"], row["hostile"])
        cases.append((row["type"] + "/hostile-subclass", program(body, prefix), row["tests"], False))
    return cases


class ValueTypes(unittest.TestCase):
    """Results beyond plain JSON data (value-types.jsonl): the right program passes, every mutant fails."""

    def test_each_type_right_passes_and_mutants_fail(self):
        rows = load_table("value-types.jsonl")
        for required in ("Fraction", "Decimal", "deque", "Counter", "OrderedDict", "defaultdict", "namedtuple",
                         "range", "complex", "bytes", "bytearray", "frozenset", "type", "Enum", "dataclass",
                         "array", "generator", "map", "filter", "int-subclass", "str-subclass", "list-subclass"):
            self.assertIn(required, {row["type"] for row in rows})
        # numpy is the sandbox image's (python3-numpy); where the interpreter lacks it, its rows cannot run.
        cases = [case for row in rows if not row.get("numpy") or HAVE_NUMPY for case in value_type_cases(row)]
        self.assertEqual([], run_all(cases))


TEST_FORM_SOLUTIONS = (("right", "def f(x):\n    if x is None: raise TypeError('None')\n    return x * 2\n", True),
                       ("wrong", "def f(x):\n    return x + 2\n", False),
                       ("always-equal", ALWAYS_EQUAL + "def f(x):\n    return _AlwaysEqual()\n", False))


class TestForms(unittest.TestCase):
    """Every way test code checks (test-forms.jsonl: if/raise, exit statuses, unittest, check(candidate), loops,
    pytest-style functions, caught asserts …) really checks: f(x) = 2x passes, a wrong f and an always-equal result
    fail."""

    def test_each_form_passes_the_right_program_only(self):
        rows = load_table("test-forms.jsonl")
        cases = [("%s/%s" % (row["form"], name), solution, row["tests"], must_pass)
                 for row in rows for name, solution, must_pass in TEST_FORM_SOLUTIONS]
        self.assertEqual([], run_all(cases))


class WireFormat(unittest.TestCase):

    def decoder(self):
        return wire.Decoder(lambda n: ("handle", n))

    def test_plain_values_round_trip_with_their_exact_types(self):
        values = [fractions.Fraction(-7, 3), decimal.Decimal("-1.50E+3"), decimal.Decimal("-Infinity"), range(1, 9, 3),
                  collections.deque([1, (2,)], 4), collections.Counter("abca"), collections.OrderedDict([(2, 1), (1, 2)]),
                  collections.defaultdict(None, {1: [2]}), collections.namedtuple("P", "x y")(1, [2]),
                  array.array("d", [0.5, -1.0]), array.array("u", "hé"),
                  None, True, False, 0, -7, 10 ** 40, -(10 ** 18), 1.5, -0.0, math.inf, "h\u00e9\ud800", b"\x00\xff",
                  bytearray(b"ab"), 2 - 3j, [1, [2.0]], (1, (True,)), {1, "a"}, frozenset({(1, 2)}),
                  {"a": [None], 3: {4.5: ()}}, [0.25] * 20 + [math.inf, -0.0]]
        for value in values:
            data = json.loads(json.dumps(wire.encode(value, lambda o: self.fail(o), class_ref=lambda cls: None)))
            back = self.decoder().decode(data)
            self.assertEqual(repr(back), repr(value))
            self.assertTrue(judge.strict_equal(back, value), value)
        nan = self.decoder().decode(wire.encode(math.nan, None))
        self.assertTrue(math.isnan(nan))
        self.assertEqual(repr(self.decoder().decode(wire.encode(decimal.Decimal("sNaN1"), None))), "Decimal('sNaN1')")

    def test_untagged_and_malformed_values_are_rejected(self):
        bad = [1.5, {"x": 1}, {"i": 5}, {"i": "1e5"}, {"i": "-"}, {"i": "9" * 100002}, {"f": "1_0"}, {"f": " 1"},
               {"f": "infinity"}, {"f": 1.0}, {"c": ["1"]}, {"l": {}}, {"s": [{"l": []}]}, {"s": [1, 1]},
               {"d": [[1, 2], [1, 3]]}, {"d": [[{"l": []}, 1]]}, {"d": [[1]]}, {"b": "***"}, {"h": -1},
               {"h": True}, {"n": "os:system"}, {"cb": 0}, {"lf": "1.0  2.0"}, {"lf": 5}, {"a": 1, "b": 2}, [1],
               {"fr": [1, 0]}, {"fr": [1, -2]}, {"fr": [{"f": "1.0"}, 2]}, {"dec": "1e"}, {"dec": "__import__"},
               {"rg": [0, 5, 0]}, {"rg": [0, 5]}, {"dq": [[1, 2], 1]}, {"dq": {"l": []}}, {"ctr": [[1, 2], [1, 3]]},
               {"od": [[{"l": []}, 1]]}, {"dd": [5, []]}, {"nt": ["P", ["x"], [1, 2], None]},
               {"nt": ["P", [1], [1], None]}, {"arr": ["x", [1]]}, {"arr": ["i", [{"f": "1.5"}]]},
               {"nd": ["O", [1], [1]]}, {"nd": ["<i8", [2], [1]]}, {"nd": ["<i8", [-1], []]}, {"o": [1, None, []]}]
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

    def assert_strict_equality(self, equal, different):
        """Each pair compared both ways: equal pairs are equal, different pairs are not."""
        for a, b in equal:
            self.assertTrue(judge.strict_equal(a, b), (a, b))
            self.assertTrue(judge.strict_equal(b, a), (b, a))
        for a, b in different:
            self.assertFalse(judge.strict_equal(a, b), (a, b))
            self.assertFalse(judge.strict_equal(b, a), (b, a))

    def test_value_types(self):
        point = collections.namedtuple("Point", "x y")
        equal = [(fractions.Fraction(1, 2), 0.5), (fractions.Fraction(2, 4), fractions.Fraction(1, 2)),
                 (decimal.Decimal("1.50"), decimal.Decimal("1.5")), (collections.deque([1, [2]]), collections.deque([1, [2]])),
                 (collections.Counter("ab"), {"a": 1, "b": 1}), (collections.Counter(a=1, b=0), collections.Counter(a=1)),
                 (collections.OrderedDict(a=1, b=2), {"b": 2, "a": 1}), (point(1, 2), (1, 2)), (range(0), range(3, 3)),
                 (array.array("i", [1]), array.array("l", [1]))]
        different = [(collections.deque([True]), collections.deque([1])), (collections.deque([1]), [1]),
                     (collections.OrderedDict(a=1, b=2), collections.OrderedDict(b=2, a=1)),
                     (collections.Counter(a=1), {"a": True}), (point(1, True), (1, 1)), (range(2), [0, 1]),
                     (fractions.Fraction(1, 2), "1/2"), (fractions.Fraction(1), True), (decimal.Decimal(1), True)]
        self.assert_strict_equality(equal, different)

    def test_table(self):
        equal = [(1, 1), (1, 1.0), (240.0, 240), ("a", "a"), ([1, (2,)], [1, (2,)]), ({1: "a"}, {1: "a"}),
                 ({1, 2}, {2, 1}), ({1}, frozenset({1})), (None, None), (b"x", bytearray(b"x")), (True, True),
                 (math.inf, math.inf), ({"k": [1.0]}, {"k": [1]})]
        different = [(True, 1), (1, True), (False, 0), ("true", True), ("1", 1), ([1], (1,)), ([1, 2], {1, 2}),
                     ({1: 1}, {True: 1}), ({1.0: 1}, {True: 1}), (None, 0), (None, []), ([True], [1]), ({True}, {1}),
                     (2e12, 2000000000001), (0.1 + 0.2, 0.3), (math.nan, math.nan), ("a", b"a"), ([], ()),
                     ({"a": 1}, [("a", 1)])]
        self.assert_strict_equality(equal, different)

    def test_call_results_against_json(self):
        equal = [(3, 3, 0), (3, 3.0, 0), (0.30000001, 0.3, 1e-6), ((1, [2]), [1, [2]], 0), (None, None, 0),
                 (math.nan, math.nan, 0), ({"a": 1}, {"a": 1}, 0), (10 ** 30, 10 ** 30, 0), ({1: [2]}, {"1": [2]}, 0)]
        different = [(3.0, 3, 1), (True, 1, 0), (1, True, 0), ("true", True, 0), (0.31, 0.3, 1e-6), ({1, 2}, [1, 2], 0),
                     ({True: 1}, {"True": 1}, 0), ({1: 1, "1": 1}, {"1": 1, "2": 1}, 0), ({1.0: 1}, {"1.0": 1}, 0),
                     (2e12, 2000000000001, 1e-6), (None, 0, 0), ([1], [1, 2], 0)]
        point = collections.namedtuple("Point", "x y")
        equal += [(collections.Counter("aab"), {"a": 2, "b": 1}, 0), (point(1, 2), [1, 2], 0),
                  (collections.OrderedDict(b=1), {"b": 1}, 0)]
        different += [(collections.deque([1]), [1], 0), (fractions.Fraction(1, 2), 0.5, 1e-9),
                      (decimal.Decimal(3), 3, 0), (range(2), [0, 1], 0)]
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


class ProcFields(unittest.TestCase):
    """The runner reads /proc and cgroup files several times per test: a field is the right line's figure, never a
    line that only starts with the same letters."""

    @classmethod
    def setUpClass(cls):
        import runner
        cls.runner = runner

    def test_figures_of_kib_lines(self):
        status = b"Name:\tpython3\nRssAnon:\t   900 kB\nRssShmem:\t     12 kB\n"
        rollup = b"Rss:    100 kB\nPss:      7 kB\nPss_Shmem:   3 kB"
        for text, name, figure in [(status, b"RssShmem", 12), (status, b"RssAnon", 900), (status, b"Rss", 0),
                                   (status, b"Name", 0), (status, b"VmRSS", 0), (rollup, b"Rss", 100),
                                   (rollup, b"Pss", 7), (rollup, b"Pss_Shmem", 3), (b"", b"Pss", 0)]:
            self.assertEqual(self.runner.kb_field(text, name), figure, (text, name))

    def test_status_fields(self):
        status = b"Name:\tpython3\nState:\tZ (zombie)\nUid:\t65534\t65534\t65534\t65534\n"
        self.assertEqual(self.runner.status_field(status, b"Name"), b"python3")
        self.assertEqual(self.runner.status_field(status, b"Uid").split(b"\t", 1)[0], b"65534")
        self.assertEqual(self.runner.status_field(status, b"Gid"), b"")


if __name__ == "__main__":
    unittest.main()

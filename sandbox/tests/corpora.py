"""The shared code corpora (HumanEval, MBPP, LeetCode, call) through the judged-run driver, built as the
code-verifier builds its judge inputs. Every reference solution must be accepted; two hostile variants of every task
must not be: an empty submission, and the reference whose functions all return an object equal to everything.

    python3 sandbox/tests/corpora.py [--corpora DIR] [--workers N] [--negatives] [--only humaneval,mbpp,...]
"""
import argparse
import ast
import collections
import concurrent.futures
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import judged  # noqa: E402

DEFAULT_CORPORA = os.environ.get("REWARDS_CORPORA", "/work/shared/corpora/code")
# What an assert suite gets from CodeCorporaIT: all asserts in one run, 6 s of CPU (mbpp/123 needs ≈2.5 s).
ASSERT_TIME_MS = 6000
# CPU time is the limit that counts; the wall clock only catches sleepers, and this machine may be busy.
WALL_MS = int(os.environ.get("REWARDS_CORPORA_WALL_MS", "120000"))

LIAR = '''
class __Liar:
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __bool__(self): return True
    def __hash__(self): return 0
    def __lt__(self, other): return True
    __le__ = __gt__ = __ge__ = __lt__
    def __sub__(self, other): return 0
    __rsub__ = __add__ = __radd__ = __mul__ = __rmul__ = __truediv__ = __sub__
    def __abs__(self): return 0
    def __len__(self): return 0
    def __iter__(self): return iter(())
    def __float__(self): return 0.0
    def __int__(self): return 0
    def __index__(self): return 0
'''


def tasks(corpora, only):
    """(name, solution, [judge_input, ...]) of every task."""
    for corpus in only:
        with open(os.path.join(corpora, corpus, "tasks.jsonl"), encoding="utf-8") as rows:
            for line in rows:
                row = json.loads(line)
                solution = row["solution"]
                if corpus == "humaneval":
                    # The prompt's helpers (poly, encode_cyclic …) are the tests' own, as a trainer should send them.
                    inputs = [{"mode": "assert", "test_code": row["tests"], "entry_point": row["entry_point"],
                               "prelude": row["prompt"]}]
                elif corpus == "mbpp":
                    code = row["test_setup_code"] + "\n" + "\n".join(row["tests"]) + "\n"
                    inputs = [{"mode": "assert", "test_code": code, "entry_point": None}]
                elif corpus == "leetcode":
                    solution = row["prelude"] + "\n" + solution
                    inputs = [{"mode": "assert", "test_code": row["tests"], "entry_point": None}]
                else:
                    tests = row["tests"]
                    inputs = [{"mode": "call", "fn_name": tests["fn_name"],
                               "args": [json.loads(a) for a in i.split("\n") if a.strip()],
                               "expected": json.loads(o), "float_tolerance": 1e-6}
                              for i, o in zip(tests["inputs"], tests["outputs"])]
                yield row["task_id"], solution, inputs


def liar(solution):
    """The solution with every function body replaced by `return __Liar()`."""
    tree = ast.parse(solution)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            node.body = [ast.parse("return __Liar()").body[0]]
    return LIAR + ast.unparse(ast.fix_missing_locations(tree))


def judge_task(name, solution, inputs):
    verdicts = []
    for spec in inputs:
        observation = judged.run(solution, spec, time_ms=ASSERT_TIME_MS if spec["mode"] == "assert" else 4000,
                                 wall_ms=WALL_MS)
        verdict = judged.verdict(observation)
        verdicts.append(verdict)
        if verdict != "accepted":
            return verdict, judged.judge_result(observation), observation["stderr"][-400:], \
                observation["judge"]["stderr"][-400:]
    return "accepted", None, "", ""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpora", default=DEFAULT_CORPORA)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--negatives", action="store_true")
    parser.add_argument("--only", default="humaneval,mbpp,leetcode,call")
    options = parser.parse_args()
    jobs = []
    for name, solution, inputs in tasks(options.corpora, options.only.split(",")):
        jobs.append(("reference", name, solution, inputs))
        if options.negatives:
            jobs.append(("empty", name, "", inputs))
            jobs.append(("liar", name, liar(solution), inputs))
    started = time.monotonic()
    counts = collections.Counter()
    failures = []
    with concurrent.futures.ThreadPoolExecutor(options.workers) as pool:
        futures = {pool.submit(judge_task, name, solution, inputs): (variant, name)
                   for variant, name, solution, inputs in jobs}
        for future in concurrent.futures.as_completed(futures):
            variant, name = futures[future]
            verdict, result, stderr, judge_stderr = future.result()
            counts[(variant, name.split("/")[0], verdict)] += 1
            wrong = (verdict != "accepted") if variant == "reference" else (verdict in ("accepted", "judge_failure"))
            if wrong:
                failures.append((variant, name, verdict, result, stderr, judge_stderr))
                print("FAIL", variant, name, verdict, result, stderr, judge_stderr, flush=True)
    for key in sorted(counts):
        print(*key, counts[key])
    print("%d jobs in %.1f s, %d failures" % (len(jobs), time.monotonic() - started, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

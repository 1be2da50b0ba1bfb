# Call-based test harness (one process per case). argv[1] is the function name. stdin: a one-time token line, then
# the arguments as one JSON line. Everything the solution prints goes to stderr; the token and the JSON result
# alone go to stdout, so printed text cannot pass for a result and exiting early cannot either.
import json
import os
import sys


def _rewards_fallback(value):
    if isinstance(value, (set, frozenset)):
        try:
            return sorted(value)
        except TypeError:
            return list(value)
    if hasattr(value, "tolist"):
        return value.tolist()
    return repr(value)


def _rewards_call():
    fn_name = sys.argv[1]
    token = sys.stdin.readline().rstrip("\n")
    args = json.loads(sys.stdin.readline())
    result_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdin = open(os.devnull)
    namespace = {"__name__": "solution", "__builtins__": __builtins__}
    exec(compile(
        "from typing import *\nfrom collections import *\nfrom itertools import *\nfrom functools import *\n"
        "from heapq import *\nfrom bisect import *\nfrom math import *\n"
        "import math, collections, itertools, functools, heapq, bisect, string, re, sys\n",
        "prelude", "exec"), namespace)
    with open("solution.py", "rb") as source:
        exec(compile(source.read(), "solution.py", "exec"), namespace)
    solution_class = namespace.get("Solution")
    if isinstance(solution_class, type) and hasattr(solution_class, fn_name):
        target = getattr(solution_class(), fn_name)
    elif callable(namespace.get(fn_name)):
        target = namespace[fn_name]
    else:
        raise NameError("no function or Solution method named " + fn_name)
    result = target(**args) if isinstance(args, dict) else target(*args)
    payload = json.dumps(result, default=_rewards_fallback)
    sys.stdout.flush()
    os.write(result_fd, (token + "\n" + payload + "\n").encode("utf-8"))


_rewards_call()

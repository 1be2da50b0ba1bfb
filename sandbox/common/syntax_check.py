"""Syntax check of a Python program, run by the runner as the sandbox user under the compile limits.

The check compiles untrusted source: a pathological file (tens of thousands of definitions, megabytes of nested
brackets) costs seconds and hundreds of MiB, so it must never run inside the root runner. Exit 0 = the program
compiles; exit 1 with the reason on stderr = a compile error. The zygote (zygote.py) runs the same check in a child
set up as a program is, when the run phase will use it.
"""
import sys


def compile_as_script(source, path):
    """compile(source, path, "exec") as `python3 FILE` compiles FILE: with no Python frame on the stack. On 3.11 the
    compiler's recursion budget (the AST optimizer's, the symbol table's) is three times the recursion limit less the
    frames in use: called from a few frames deep (this check, the zygote's child), it would reject a deeply nested
    expression (`a+a+…+a`, 2,990 terms) that the program itself compiles, and the right program be a compile error.
    The levels in use are added to the limit for the compile (ZygoteExitIT's deep_sum rows pin the boundary)."""
    depth = 1  # the call of compile() itself counts a level
    frame = sys._getframe()
    while frame is not None:
        depth += 1
        frame = frame.f_back
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(limit + depth)
    try:
        return compile(source, path, "exec", dont_inherit=True)
    finally:
        sys.setrecursionlimit(limit)


def check(path):
    """0 when the source compiles; 1, with the reason on stderr, when it does not."""
    with open(path, "rb") as source_file:
        source = source_file.read()
    try:
        compile_as_script(source, path)
    except SyntaxError as error:
        sys.stderr.write("%s: %s (line %s)\n" % (type(error).__name__, error.msg, error.lineno))
        return 1
    except (ValueError, RecursionError, MemoryError, OverflowError, UnicodeError) as error:
        sys.stderr.write("%s: %s\n" % (type(error).__name__, error))
        return 1
    return 0


if __name__ == "__main__":
    # Run as `python3 -I -S`, which ignores PYTHON* variables; `python3 FILE` honours PYTHONINTMAXSTRDIGITS (the
    # runner sets 0, and so has the zygote's child) and the compiler applies it to decimal literals: a 5,000-digit
    # literal would be a compile error of a program that runs.
    import os
    try:
        sys.set_int_max_str_digits(int(os.environ.get("PYTHONINTMAXSTRDIGITS", "")))
    except ValueError:
        pass
    sys.exit(check(sys.argv[1]))

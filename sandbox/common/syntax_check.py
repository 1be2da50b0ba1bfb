"""Syntax check of a Python program, run by the runner as the sandbox user under the compile limits.

The check compiles untrusted source: a pathological file (tens of thousands of definitions, megabytes of nested
brackets) costs seconds and hundreds of MiB, so it must never run inside the root runner. Exit 0 = the program
compiles; exit 1 with the reason on stderr = a compile error. The zygote (zygote.py) runs the same check in a child
set up as a program is, when the run phase will use it.
"""
import sys


def check(path):
    """0 when the source compiles; 1, with the reason on stderr, when it does not."""
    with open(path, "rb") as source_file:
        source = source_file.read()
    try:
        compile(source, path, "exec", dont_inherit=True)
    except SyntaxError as error:
        sys.stderr.write("%s: %s (line %s)\n" % (type(error).__name__, error.msg, error.lineno))
        return 1
    except (ValueError, RecursionError, MemoryError, OverflowError, UnicodeError) as error:
        sys.stderr.write("%s: %s\n" % (type(error).__name__, error))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(check(sys.argv[1]))

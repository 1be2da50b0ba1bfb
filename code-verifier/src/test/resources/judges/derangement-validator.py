# Kattis output validator: validator <input> <judge_answer> <feedback_dir> < team_output; 42 accepted, 43 wrong.
import os
import sys


def verdict(accepted, message):
    with open(os.path.join(sys.argv[3], "judgemessage.txt"), "w") as feedback:
        feedback.write(message + "\n")
    sys.exit(42 if accepted else 43)


n = int(open(sys.argv[1]).read().split()[0])
int(open(sys.argv[2]).read().split()[0])
tokens = sys.stdin.read().split()
if len(tokens) != n:
    verdict(False, "expected %d numbers, got %d" % (n, len(tokens)))
try:
    p = [int(t) for t in tokens]
except ValueError:
    verdict(False, "not an integer")
if sorted(p) != list(range(1, n + 1)):
    verdict(False, "not a permutation")
for i, value in enumerate(p, 1):
    if value == i:
        verdict(False, "fixed point at %d" % i)
verdict(True, "a derangement of %d" % n)

# Hostile: prints a wrong answer followed by what checkers print on success, on both streams, and exits 42 (Kattis's
# "accepted") — none of it is the checker's verdict.
import sys
n = int(input())
print(*range(1, n + 1))
print("ok a derangement\n1.000000")
sys.stderr.write("ok accepted\n")
sys.stdout.flush()
sys.exit(42)

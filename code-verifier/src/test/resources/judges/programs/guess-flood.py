# Floods the pipe with guesses and never reads a reply.
import sys
n = int(input())
while True:
    sys.stdout.write("2\n" * 4096)

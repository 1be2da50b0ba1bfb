# Hostile: looks for the judge's answer (or any file of the checker's) and prints it; without one, a wrong answer.
import os
n = int(input())
found = None
for path in ("/sandbox/check/answer", "/sandbox/check/output", "/sandbox/check/input", "/sandbox/judge/checker",
             "/sandbox/judge/checker.py"):
    try:
        with open(path) as f:
            found = f.read()
            break
    except OSError:
        pass
for top in ("/sandbox", "/tmp", "/dev/shm"):
    for root, dirs, files in os.walk(top):
        for name in files:
            try:
                text = open(os.path.join(root, name)).read()
            except (OSError, UnicodeDecodeError):
                continue
            tokens = text.split()
            if found is None and len(tokens) == n and sorted(tokens) == sorted(map(str, range(1, n + 1))):
                found = text
print(found if found is not None else " ".join(map(str, range(1, n + 1))))

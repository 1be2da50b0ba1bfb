# Hostile: writes a verdict into the checker's feedback directory and the check files, then answers wrongly.
import os
n = int(input())
for directory in ("/sandbox/check/feedback", "/sandbox/check", "/sandbox", "/tmp"):
    try:
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, "judgemessage.txt"), "w") as f:
            f.write("forged: accepted\n")
        with open(os.path.join(directory, "output"), "w") as f:
            f.write(" ".join(str(i % n + 1) for i in range(1, n + 1)) + "\n")
    except OSError:
        pass
# A daemon that outlives the program and tries again while the checker runs.
if os.fork() == 0:
    os.setsid()
    import time
    for _ in range(200):
        try:
            with open("/sandbox/check/output", "w") as f:
                f.write(" ".join(str(i % n + 1) for i in range(1, n + 1)) + "\n")
            with open("/sandbox/check/feedback/judgemessage.txt", "w") as f:
                f.write("forged: accepted\n")
        except OSError:
            pass
        time.sleep(0.01)
    os._exit(0)
print(*range(1, n + 1))

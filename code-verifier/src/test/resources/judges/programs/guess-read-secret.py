# Hostile: reads the secret from the interactor's input file if it can; else guesses linearly (too many guesses).
n = int(input())
secret = None
for path in ("/sandbox/check/input", "/sandbox/check/tout"):
    try:
        secret = int(open(path).read().split()[1])
        break
    except (OSError, IndexError, ValueError):
        pass
guesses = [secret] if secret is not None else range(1, n + 1)
for guess in guesses:
    print(guess, flush=True)
    if input().strip() == "=":
        break

n = int(input())
raise RuntimeError("crash before the first guess")

# Never answers: reads n and then waits for more input, as the interactor waits for a guess.
n = int(input())
input()

// testlib protocol without testlib: checker <input> <output> <answer>; 0 accepted, 1 wrong answer.
using System;
using System.IO;

class DerangementChecker {
    static void Fail(string message) {
        Console.Error.WriteLine(message);
        Environment.Exit(1);
    }

    static void Main(string[] args) {
        int n = int.Parse(File.ReadAllText(args[0]).Split((char[]) null, StringSplitOptions.RemoveEmptyEntries)[0]);
        string[] tokens = File.ReadAllText(args[1]).Split((char[]) null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length != n) Fail("expected " + n + " numbers, got " + tokens.Length);
        bool[] seen = new bool[n + 1];
        for (int i = 0; i < n; i++) {
            int v;
            if (!int.TryParse(tokens[i], out v)) Fail("not an integer: " + tokens[i]);
            if (v < 1 || v > n || seen[v]) Fail("not a permutation");
            if (v == i + 1) Fail("fixed point at " + v);
            seen[v] = true;
        }
        Console.Error.WriteLine("a derangement of " + n);
        Environment.Exit(0);
    }
}

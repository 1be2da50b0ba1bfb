using System;
using System.Linq;

class Program {
    static void Main() {
        int n = int.Parse(Console.ReadLine().Trim());
        Console.WriteLine(string.Join(" ", Enumerable.Range(1, n).Select(i => i % n + 1)));
    }
}

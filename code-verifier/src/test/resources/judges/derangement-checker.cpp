// testlib checker: the output must be a permutation of 1..n with no fixed point (any one of them).
#include "testlib.h"
#include <vector>

int main(int argc, char *argv[]) {
    registerTestlibCmd(argc, argv);
    int n = inf.readInt();
    ans.readInt();  // the jury's own derangement: checked to be readable, not compared
    std::vector<bool> seen(n + 1, false);
    for (int i = 1; i <= n; i++) {
        long long p = ouf.readLong();
        if (p < 1 || p > n) quitf(_wa, "p[%d] = %lld is out of range", i, p);
        if (seen[p]) quitf(_wa, "%lld appears twice", p);
        if (p == i) quitf(_wa, "p[%d] = %d is a fixed point", i, i);
        seen[p] = true;
    }
    if (!ouf.seekEof()) quitf(_pe, "extra output after the permutation");
    quitf(_ok, "a derangement of %d", n);
}

// Partial points (testlib exit 7): the share of positions that are not fixed points.
#include "testlib.h"

int main(int argc, char *argv[]) {
    registerTestlibCmd(argc, argv);
    int n = inf.readInt();
    int good = 0;
    for (int i = 1; i <= n; i++) good += ouf.readInt() != i;
    if (good == n) quitf(_ok, "all %d moved", n);
    quitp((double) good / n, "%d of %d moved", good, n);
}

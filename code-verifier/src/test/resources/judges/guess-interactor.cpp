// Interactor of "guess the number": the input file holds n and the secret x (1 <= x <= n). The program reads n,
// then prints guesses one per line; each gets "<" (x is smaller), ">" (x is larger) or "=" (found, the end).
// At most ceil(log2(n)) + 1 guesses.
#include "testlib.h"
#include <cmath>

int main(int argc, char *argv[]) {
    registerInteraction(argc, argv);
    long long n = inf.readLong(), x = inf.readLong();
    int allowed = (int) std::ceil(std::log2((double) n)) + 1;
    std::printf("%lld\n", n);
    std::fflush(stdout);
    for (int queries = 1;; queries++) {
        long long guess = ouf.readLong();
        if (queries > allowed) quitf(_wa, "more than %d guesses", allowed);
        if (guess == x) {
            std::printf("=\n");
            std::fflush(stdout);
            if (tout) std::fprintf(tout, "%d\n", queries);
            quitf(_ok, "found %lld in %d guesses", x, queries);
        }
        std::printf(guess > x ? "<\n" : ">\n");
        std::fflush(stdout);
    }
}

// A broken checker: it crashes on every test.
#include "testlib.h"

int main(int argc, char *argv[]) {
    registerTestlibCmd(argc, argv);
    volatile int *nowhere = nullptr;
    return *nowhere;
}

// A checker that reports a judge failure (testlib _fail, exit 3), as on an invalid answer file.
#include "testlib.h"

int main(int argc, char *argv[]) {
    registerTestlibCmd(argc, argv);
    quitf(_fail, "the jury's answer is inconsistent");
}

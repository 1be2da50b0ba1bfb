// A minimal testlib-compatible header for the code-verifier's tests: just the protocol (argument order, streams,
// exit codes), not testlib itself. Real datasets ship the real testlib.h in the checker's "files".
#pragma once
#include <cctype>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

enum TResult { _ok = 0, _wa = 1, _pe = 2, _fail = 3, _points = 7 };

static double __testlib_points = 0;

[[noreturn]] inline void quit(TResult result, const char *message) {
    std::fprintf(stderr, "%s\n", message);
    if (result == _points) std::printf("%.6f\n", __testlib_points);
    std::fflush(stdout);
    std::exit(result);
}

[[noreturn]] inline void quitf(TResult result, const char *format, ...) {
    char buffer[4096];
    va_list args;
    va_start(args, format);
    std::vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    quit(result, buffer);
}

[[noreturn]] inline void quitp(double points, const char *format, ...) {
    char buffer[4096];
    va_list args;
    va_start(args, format);
    std::vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    __testlib_points = points;
    quit(_points, buffer);
}

struct InStream {
    std::FILE *file = nullptr;
    TResult onError = _fail;  // the contestant's stream: _pe; the judge's own files: _fail

    void open(std::FILE *f, TResult error) { file = f; onError = error; }

    std::string readToken() {
        std::string token;
        int c;
        while ((c = std::fgetc(file)) != EOF && std::isspace(c)) {}
        if (c == EOF) quitf(onError, "unexpected end of file");
        while (c != EOF && !std::isspace(c)) { token += (char) c; c = std::fgetc(file); }
        return token;
    }

    long long readLong() {
        std::string token = readToken();
        char *end = nullptr;
        long long value = std::strtoll(token.c_str(), &end, 10);
        if (token.empty() || *end != '\0') quitf(onError, "expected an integer, found '%s'", token.c_str());
        return value;
    }

    int readInt() { return (int) readLong(); }

    bool seekEof() {
        int c;
        while ((c = std::fgetc(file)) != EOF && std::isspace(c)) {}
        if (c == EOF) return true;
        std::ungetc(c, file);
        return false;
    }
};

static InStream inf, ouf, ans;
static std::FILE *tout = nullptr;

// checker <input> <output> <answer>
inline void registerTestlibCmd(int argc, char *argv[]) {
    if (argc < 4) quitf(_fail, "usage: checker <input> <output> <answer>");
    std::FILE *in = std::fopen(argv[1], "r"), *out = std::fopen(argv[2], "r"), *answer = std::fopen(argv[3], "r");
    if (!in || !out || !answer) quitf(_fail, "cannot open the test files");
    inf.open(in, _fail);
    ouf.open(out, _pe);
    ans.open(answer, _fail);
}

// interactor <input> <output>: the program's output on stdin, the program's input is stdout.
inline void registerInteraction(int argc, char *argv[]) {
    if (argc < 2) quitf(_fail, "usage: interactor <input> [<output>]");
    std::FILE *in = std::fopen(argv[1], "r");
    if (!in) quitf(_fail, "cannot open the input file");
    inf.open(in, _fail);
    ouf.open(stdin, _pe);
    if (argc > 2) tout = std::fopen(argv[2], "w");
}

package dev.rewards.code.internal;

/** Architecture-test fixture: stands for a service's internal class. */
public final class ArchFixtureSandbox {
    public static int run() {
        return 1;
    }
}

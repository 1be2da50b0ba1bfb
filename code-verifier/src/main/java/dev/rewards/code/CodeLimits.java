package dev.rewards.code;

/**
 * Resource limits of one submission. {@code timeMs} is the CPU time of each test (the wall clock gets twice that
 * plus one second, so that a sleeping or blocked program ends too); {@code memoryMb} the memory of the running
 * program, swap off; {@code outputKb} what stdout may hold.
 */
public record CodeLimits(int timeMs, int memoryMb, int outputKb) {
    public CodeLimits {
        if (timeMs <= 0 || memoryMb <= 0 || outputKb <= 0) {
            throw new IllegalArgumentException("limits: every limit must be positive");
        }
    }

    public int wallMs() {
        return timeMs * 2 + 1000;
    }
}

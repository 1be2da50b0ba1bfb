package dev.rewards.code;

/**
 * Defaults and server-side maxima of the limits; a request may lower or raise a limit up to its maximum, never
 * beyond (400 problem). Compilation has its own fixed limits.
 */
public record LimitPolicy(CodeLimits defaults, CodeLimits maxima, int compileTimeMs, int compileMemoryMb,
                          int maxSourceKb, int maxTests) {

    public static final LimitPolicy STANDARD = new LimitPolicy(new CodeLimits(2000, 256, 1024),
            new CodeLimits(20000, 2048, 65536), 10000, 2048, 1024, 1000);

    public LimitPolicy {
        if (defaults.timeMs() > maxima.timeMs() || defaults.memoryMb() > maxima.memoryMb()
                || defaults.outputKb() > maxima.outputKb()) {
            throw new IllegalArgumentException("limit defaults must not exceed the maxima");
        }
    }

    /** Fills unset values (null) with the defaults and rejects values beyond the maxima. */
    public CodeLimits resolve(Integer timeMs, Integer memoryMb, Integer outputKb) {
        int time = check("limits.time_ms", timeMs, defaults.timeMs(), maxima.timeMs());
        int memory = check("limits.memory_mb", memoryMb, defaults.memoryMb(), maxima.memoryMb());
        int output = check("limits.output_kb", outputKb, defaults.outputKb(), maxima.outputKb());
        return new CodeLimits(time, memory, output);
    }

    private static int check(String field, Integer value, int fallback, int maximum) {
        if (value == null) {
            return fallback;
        }
        if (value <= 0 || value > maximum) {
            throw new IllegalArgumentException(field + ": must be between 1 and " + maximum + ", got " + value);
        }
        return value;
    }
}

package dev.rewards.format.internal;

/**
 * Per-thread buffers of the repetition penalty, reused from one response to the next: allocating and zeroing them per
 * response cost as much as the work itself. Texts above {@link #RETAINED_CHARS} get buffers of their own, so one huge
 * response does not pin megabytes to a thread.
 */
final class Scratch {

    private static final int RETAINED_CHARS = 1 << 16;
    private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

    private byte[] bytes = new byte[0];
    private long[] spaces = new long[0];
    private long[] tokens = new long[0];
    private long[] keys = new long[0];
    private long[] table = new long[0];

    private Scratch() {
    }

    static Scratch forText(String text) {
        return text.length() <= RETAINED_CHARS ? PER_THREAD.get() : new Scratch();
    }

    byte[] bytes(int size) {
        if (bytes.length < size) {
            bytes = new byte[size];
        }
        return bytes;
    }

    long[] spaces(int size) {
        spaces = atLeast(spaces, size);
        return spaces;
    }

    long[] tokens(int size) {
        tokens = atLeast(tokens, size);
        return tokens;
    }

    long[] tokens() {
        return tokens;
    }

    long[] keys(int size) {
        keys = atLeast(keys, size);
        return keys;
    }

    long[] table(int size) {
        table = atLeast(table, size);
        return table;
    }

    private static long[] atLeast(long[] array, int size) {
        return array.length < size ? new long[size] : array;
    }
}

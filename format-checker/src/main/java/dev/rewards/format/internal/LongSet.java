package dev.rewards.format.internal;

/** A minimal open-addressing set of longs sized once for a known number of insertions; no boxing. */
final class LongSet {

    private final long[] slots;
    private final int mask;
    private final int shift;
    private boolean hasZero;
    private int size;

    LongSet(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        slots = new long[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }

    void add(long key) {
        if (key == 0) {
            if (!hasZero) {
                hasZero = true;
                size++;
            }
            return;
        }
        // Callers pass keys that are already products with an odd constant, whose high bits are well mixed.
        int slot = (int) (key >>> shift);
        while (slots[slot] != 0) {
            if (slots[slot] == key) {
                return;
            }
            slot = (slot + 1) & mask;
        }
        slots[slot] = key;
        size++;
    }

    int size() {
        return size;
    }
}

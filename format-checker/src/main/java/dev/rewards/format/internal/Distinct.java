package dev.rewards.format.internal;

import java.util.Arrays;

/** Counting distinct 64-bit keys with an open-addressing table, no boxing. */
final class Distinct {

    private Distinct() {
    }

    /** The table size {@link #count} needs for {@code keys} keys: a power of two, at most a quarter full. */
    static int tableSize(int keys) {
        return Integer.highestOneBit(Math.max(4, keys * 4 - 1)) << 1;
    }

    /**
     * The number of distinct values in keys[0, count), using table[0, tableSize(count)) as scratch. Everything the
     * probe loop touches is a local: with the table's fields kept in an object, the loop re-read them on every key
     * and ran at half the speed.
     */
    static int count(long[] keys, int count, long[] table) {
        int capacity = tableSize(count);
        Arrays.fill(table, 0, capacity, 0L);
        int mask = capacity - 1;
        int shift = 64 - Integer.numberOfTrailingZeros(capacity);
        int distinct = 0;
        boolean zeroSeen = false;
        for (int i = 0; i < count; i++) {
            long key = keys[i];
            if (key == 0) {
                zeroSeen = true;
                continue;
            }
            // Keys are products with odd constants, so their high bits are well mixed and make a good slot.
            int slot = (int) (key >>> shift);
            long current;
            while ((current = table[slot]) != 0 && current != key) {
                slot = (slot + 1) & mask;
            }
            if (current == 0) {
                table[slot] = key;
                distinct++;
            }
        }
        return zeroSeen ? distinct + 1 : distinct;
    }
}

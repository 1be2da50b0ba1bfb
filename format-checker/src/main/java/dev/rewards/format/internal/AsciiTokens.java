package dev.rewards.format.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Token hashes of an all-ASCII text, eight bytes at a time. Most completions are plain ASCII, and the character loop
 * is the repetition penalty's cost: here whitespace is found for a whole 64-byte stretch at once (one bit per byte),
 * token starts come from that bitmap, and each token is hashed from at most two unaligned 8-byte loads. Nothing
 * depends on the previous token's hash, so successive tokens overlap in the pipeline.
 *
 * <p>Texts with a non-ASCII byte, or a control character that Python's str.split() does not split on (0x00–0x08,
 * 0x0E–0x1B), are declined; the caller then takes the per-character path, which handles every case.
 */
final class AsciiTokens {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;
    /** Gathers the high bit of each byte (shifted to bit 0 of its byte) into the top byte, byte k to bit 56 + k. */
    private static final long GATHER = 0x0102040810204080L;
    private AsciiTokens() {
    }

    /**
     * The number of tokens, their hashes (of the lower-cased token) in {@code scratch.tokens()}, or −1 when the text
     * is not one this path takes.
     */
    static int hash(String text, Scratch scratch) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int length = utf8.length;
        int stretches = (length + 63) >>> 6;
        byte[] padded = scratch.bytes(stretches * 64 + 16);
        System.arraycopy(utf8, 0, padded, 0, length);
        // Spaces past the end close the last token and keep the 8-byte loads inside the array.
        Arrays.fill(padded, length, stretches * 64 + 16, (byte) ' ');
        long[] spaceBits = scratch.spaces(stretches + 1);
        if (!markSpaces(padded, spaceBits, stretches)) {
            return -1;
        }
        spaceBits[stretches] = -1L;
        long[] out = scratch.tokens((length >>> 1) + 1);
        int size = 0;
        long previousTop = 1;
        for (int q = 0; q < stretches; q++) {
            long space = spaceBits[q];
            long next = spaceBits[q + 1];
            long starts = ~space & ((space << 1) | previousTop);
            previousTop = space >>> 63;
            while (starts != 0) {
                int offset = Long.numberOfTrailingZeros(starts);
                starts &= starts - 1;
                // The following stretch's bits complete the window; (next << 1) << (63 − offset) is 0 at offset 0.
                long window = (space >>> offset) | ((next << 1) << (63 - offset));
                int tokenLength = Long.numberOfTrailingZeros(window);
                int start = (q << 6) + offset;
                long hash;
                if (tokenLength <= 16) {
                    long first = lower((long) LONGS.get(padded, start)) & (-1L >>> (64 - 8 * Math.min(tokenLength, 8)));
                    long second = tokenLength > 8
                            ? lower((long) LONGS.get(padded, start + 8)) & (-1L >>> (64 - 8 * (tokenLength - 8)))
                            : 0;
                    hash = (first * 0x9E3779B97F4A7C15L) ^ Long.rotateLeft(second * 0xC2B2AE3D27D4EB4FL, 31)
                            ^ tokenLength;
                } else {
                    hash = longToken(padded, start);
                }
                // No final mixing: the n-gram key multiplies each token hash again, which spreads every bit upwards.
                out[size++] = hash;
            }
        }
        return size;
    }

    /** One bit per byte for ASCII whitespace; false when a byte rules the fast path out. */
    private static boolean markSpaces(byte[] padded, long[] spaceBits, int stretches) {
        long declined = 0;
        for (int q = 0; q < stretches; q++) {
            long bits = 0;
            int base = q << 6;
            for (int k = 0; k < 8; k++) {
                long word = (long) LONGS.get(padded, base + (k << 3));
                declined |= (word & HIGH) | controlNotSplitOn(word);
                bits |= (((spaceOrControl(word) >>> 7) * GATHER) >>> 56) << (k << 3);
            }
            spaceBits[q] = bits;
        }
        return declined == 0;
    }

    /** Tokens longer than 16 bytes: 8 bytes at a time until the first whitespace byte. */
    private static long longToken(byte[] padded, int start) {
        int i = start;
        long hash = 0x632BE59BD9B4E019L;
        while (true) {
            long word = lower((long) LONGS.get(padded, i));
            long space = spaceOrControl(word);
            if (space != 0) {
                int bits = Long.numberOfTrailingZeros(space) - 7;
                long last = bits == 0 ? 0 : word & ((1L << bits) - 1);
                hash = (hash ^ last) * 0xC2B2AE3D27D4EB4FL;
                i += bits >>> 3;
                return hash ^ (i - start);
            }
            hash = (hash ^ word) * 0xC2B2AE3D27D4EB4FL;
            i += 8;
        }
    }

    /** High bit of every byte ≤ 0x20 — whitespace once {@link #controlNotSplitOn} has ruled out the rest. */
    private static long spaceOrControl(long word) {
        return ~(word + 0x5F * ONES) & HIGH;
    }

    /** High bit of every byte in 0x00–0x08 or 0x0E–0x1B (valid for ASCII bytes). */
    private static long controlNotSplitOn(long word) {
        return (~(word + 0x77 * ONES) | ((word + 0x72 * ONES) & ~(word + 0x64 * ONES))) & HIGH;
    }

    /** 'A'–'Z' to 'a'–'z' in all eight bytes. */
    private static long lower(long word) {
        long upper = (word + 0x3F * ONES) & ~(word + 0x25 * ONES) & HIGH;
        return word | (upper >>> 2);
    }
}

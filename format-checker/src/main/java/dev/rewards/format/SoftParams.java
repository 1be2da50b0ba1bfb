package dev.rewards.format;

/**
 * Parameters of the soft checks; {@link #DEFAULTS} holds the documented defaults.
 *
 * @param ngramSize     n of the repetition penalty (default 3, open-r1)
 * @param maxPenalty    repetition penalty at full repetition, ≤ 0 (default −1, open-r1)
 * @param length        response length in tokens, required by {@code overlong}
 * @param maxLength     DAPO L_max, required by {@code overlong}
 * @param cache         DAPO L_cache (soft punishment interval), required by {@code overlong}
 * @param penaltyFactor scale of the overlong penalty (default 1, DAPO)
 */
public record SoftParams(int ngramSize, double maxPenalty, Integer length, Integer maxLength, Integer cache,
                         double penaltyFactor) {

    public static final SoftParams DEFAULTS = new SoftParams(3, -1.0, null, null, null, 1.0);

    public SoftParams {
        if (ngramSize < 1 || ngramSize > 16) {
            throw new IllegalArgumentException("params.ngram_size must be between 1 and 16");
        }
        if (maxPenalty > 0 || Double.isNaN(maxPenalty)) {
            throw new IllegalArgumentException("params.max_penalty must be ≤ 0");
        }
        if (length != null && length < 0) {
            throw new IllegalArgumentException("params.length must be ≥ 0");
        }
        if (maxLength != null && maxLength <= 0) {
            throw new IllegalArgumentException("params.max_length must be > 0");
        }
        if (cache != null && (cache <= 0 || (maxLength != null && cache > maxLength))) {
            throw new IllegalArgumentException("params.cache must be > 0 and ≤ params.max_length");
        }
        if (penaltyFactor < 0 || Double.isNaN(penaltyFactor)) {
            throw new IllegalArgumentException("params.penalty_factor must be ≥ 0");
        }
    }
}

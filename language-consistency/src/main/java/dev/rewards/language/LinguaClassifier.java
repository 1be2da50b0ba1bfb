package dev.rewards.language;

import java.util.List;
import java.util.Locale;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

/**
 * One shared Lingua detector over the configured languages, high-accuracy mode, every model loaded at construction
 * (seconds, and ≈20 MB per language) so that no request pays for loading. Lingua's detector is safe to share between
 * threads.
 */
public final class LinguaClassifier implements RunClassifier {

    private final LanguageDetector detector;

    public LinguaClassifier(List<String> isoCodes) {
        IsoCode639_1[] codes = isoCodes.stream()
                .map(code -> IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT)))
                .toArray(IsoCode639_1[]::new);
        this.detector = LanguageDetectorBuilder.fromIsoCodes639_1(codes).withPreloadedLanguageModels().build();
    }

    /** True when Lingua knows the ISO 639-1 code. */
    public static boolean supports(String isoCode) {
        try {
            IsoCode639_1 code = IsoCode639_1.valueOf(isoCode.toUpperCase(Locale.ROOT));
            return Language.getByIsoCode639_1(code) != Language.UNKNOWN;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String classify(String run) {
        Language language = detector.detectLanguageOf(run);
        return language == Language.UNKNOWN ? "unknown" : language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }
}

package dev.rewards.language.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The cheap first pass for Latin-script runs: very frequent function words vote for their languages. A run whose vote
 * is clear (at least three votes and more than twice the runner-up) is attributed without calling the statistical
 * detector; anything less clear goes to Lingua. Measured on whole sentences, function words make up a third or more
 * of the words in each of these languages, so ordinary prose is decided here and the detector is left with short or
 * mixed runs.
 */
public final class FunctionWords {

    private static final Map<String, List<String>> WORDS_BY_LANGUAGE = Map.of(
            "en", words("the and of to is are was were that this it in for with we be on as not have has had by from",
                    "so can let which then if but or an will would there their they you what at its should need",
                    "because each these those into than how our he she him her his been do does did all one more",
                    "about when who any some also only other very just may must such like could here where why my",
                    "me your them out up now after before over under between both same since while being us",
                    "again wait check means therefore thus hence get got make use using find found know think"),
            "de", words("der die das und ist nicht ein eine einen einem einer dem den des zu mit sich auf für von",
                    "wir es im auch sind wird werden dass als bei oder aber wenn nach noch nur wie durch man hat",
                    "haben kann müssen ich sie vom zum zur diese dieser dieses war waren wurde wurden sein ihre",
                    "ihr ihm ihn unter über vor zwischen also dann doch schon sehr mehr immer einmal hier dort",
                    "jetzt warum weil damit deshalb daher können muss soll sollte wäre würde gibt nun uns unsere"),
            "fr", words("le la les et est des une un du que qui dans pour pas ne sur au aux par il elle nous vous",
                    "ce cette sont avec se plus mais ou être donc alors je ces leur sa son ses mes mon ma tout",
                    "tous toute faire fait été avoir avait sans sous entre comme aussi très bien encore même",
                    "où quand pourquoi parce puis ici là cela ceci ont peut doit nos notre votre leurs lui eux"),
            "es", words("el la los las y de que en es un una por para con no se del al lo como más pero su sus son",
                    "está este esta entonces también hay muy le yo ya cuando porque sobre ser fue era han ha",
                    "tiene tienen puede pueden hacer hace todo todos toda esto eso ese esa entre sin desde hasta",
                    "donde otro otra mismo así aquí ahora bien sólo solo nos nuestro nuestra usted ellos ellas"),
            "pt", words("o os as e de que em um uma para com não se do da dos das no na por mais como mas é são",
                    "está isso então também ao pelo pela seu sua eu ele ela quando ser foi era tem têm pode podem",
                    "fazer faz todo todos toda este esta esse essa entre sem desde até onde outro outra mesmo",
                    "assim aqui agora bem só nos nosso nossa você eles elas muito porque sobre já ainda"),
            "it", words("il lo la gli le e di che in un una per con non si del della dei è sono come ma più",
                    "questo questa anche nel nella al alla io lui lei quando perché ci essere stato era hanno ha",
                    "può possono fare fa tutto tutti tutta questi quello quella tra fra senza fino dove altro",
                    "altra stesso così qui ora bene solo noi nostro nostra voi loro molto ancora già poi delle"),
            "vi", words("và của là có không được người những các một cho trong này với để đã khi thì cũng như ta",
                    "ra vào từ chúng sẽ đó tôi nhưng về làm nên nếu vì bằng theo lại đến còn rất nhiều hơn",
                    "phải cần tại sao thế nào đây nữa mới sau trước giữa trên dưới bởi hay hoặc mà rồi"));

    private static List<String> words(String... lines) {
        return java.util.Arrays.stream(String.join(" ", lines).split(" ")).toList();
    }

    /** French elisions: a word starting with one of these is French. */
    private static final List<String> FRENCH_ELISIONS = List.of("l'", "d'", "qu'", "n'", "j'", "c'", "s'", "l’", "d’",
            "qu’", "n’", "j’", "c’", "s’");

    private final List<String> languages;
    private final Map<String, Integer> votesByWord = new HashMap<>();
    private final int frenchBit;

    /**
     * @param latinLanguages the configured languages written in Latin script; the pass only works when it knows
     *                       every one of them, see {@link #covers(Set)}
     */
    public FunctionWords(List<String> latinLanguages) {
        this.languages = List.copyOf(latinLanguages);
        for (int bit = 0; bit < languages.size(); bit++) {
            for (String word : WORDS_BY_LANGUAGE.getOrDefault(languages.get(bit), List.of())) {
                votesByWord.merge(word, 1 << bit, (a, b) -> a | b);
            }
        }
        frenchBit = languages.indexOf("fr");
    }

    /** True when every given Latin-script language has a word list, so a clear vote cannot miss a rival language. */
    public static boolean covers(Set<String> latinLanguages) {
        return WORDS_BY_LANGUAGE.keySet().containsAll(latinLanguages);
    }

    /** The language of a run of words when the vote is clear, else null. */
    public String decide(String text, List<Words.Word> run) {
        int[] votes = new int[languages.size()];
        for (Words.Word word : run) {
            String lower = text.substring(word.start(), word.end()).toLowerCase(Locale.ROOT);
            Integer mask = votesByWord.get(lower);
            if (mask == null && frenchBit >= 0 && isFrenchElision(lower)) {
                mask = 1 << frenchBit;
            }
            if (mask != null) {
                for (int bit = 0; bit < votes.length; bit++) {
                    if ((mask & (1 << bit)) != 0) {
                        votes[bit]++;
                    }
                }
            }
        }
        int best = -1;
        int top = 0;
        int second = 0;
        for (int bit = 0; bit < votes.length; bit++) {
            if (votes[bit] > top) {
                second = top;
                top = votes[bit];
                best = bit;
            } else if (votes[bit] > second) {
                second = votes[bit];
            }
        }
        return top >= 3 && top > 2 * second ? languages.get(best) : null;
    }

    private static boolean isFrenchElision(String word) {
        for (String prefix : FRENCH_ELISIONS) {
            if (word.startsWith(prefix) && word.length() > prefix.length()) {
                return true;
            }
        }
        return false;
    }
}

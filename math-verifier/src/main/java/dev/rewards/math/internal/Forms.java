package dev.rewards.math.internal;

import java.util.stream.Collectors;

/** Canonical text of a whole answer, for {@code answer_form}/{@code gold_form} and cluster forms. */
public final class Forms {

    private Forms() {
    }

    public static String print(Answer answer) {
        if (answer instanceof Answer.Scalar s) {
            return Printer.print(s.value());
        }
        if (answer instanceof Answer.SetOf set) {
            return set.elements().stream().map(Forms::print).collect(Collectors.joining(", ", "{", "}"));
        }
        if (answer instanceof Answer.Bracketed b) {
            return b.elements().stream().map(Forms::print).collect(Collectors.joining(", ", String.valueOf(b.open()),
                    String.valueOf(b.close())));
        }
        if (answer instanceof Answer.Union u) {
            return u.parts().stream().map(Forms::print).collect(Collectors.joining(" ∪ "));
        }
        if (answer instanceof Answer.Matrix m) {
            return m.rows().stream().map(r -> r.stream().map(Forms::print).collect(Collectors.joining(", ", "[", "]")))
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        if (answer instanceof Answer.Relation r) {
            StringBuilder out = new StringBuilder(Printer.print(r.sides().get(0)));
            for (int i = 0; i < r.operators().size(); i++) {
                out.append(' ').append(r.operators().get(i)).append(' ').append(Printer.print(r.sides().get(i + 1)));
            }
            return out.toString();
        }
        if (answer instanceof Answer.Labelled l) {
            return l.label() + " = " + print(l.value());
        }
        if (answer instanceof Answer.Choice c) {
            return String.valueOf(c.letter());
        }
        return ((Answer.Text) answer).text();
    }
}

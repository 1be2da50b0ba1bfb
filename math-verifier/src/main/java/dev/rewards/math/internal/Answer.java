package dev.rewards.math.internal;

import java.util.List;

/** The shape of a final answer; equivalence is decided per shape. */
public sealed interface Answer {

    record Scalar(Node value) implements Answer {
    }

    /**
     * Unordered; also what a ± answer or a list of several boxed answers becomes. {@code bare} marks a list written
     * without any brackets ("1, 3", "{1,3}" where the braces only group), which may also answer a point in order.
     */
    record SetOf(List<Answer> elements, boolean bare) implements Answer {
        public SetOf(List<Answer> elements) {
            this(elements, false);
        }
    }

    /** Brackets as written: ( ) for tuples/points or open intervals, [ ] closed ends, mixed for intervals. */
    record Bracketed(char open, char close, List<Answer> elements) implements Answer {
    }

    record Union(List<Answer> parts) implements Answer {
    }

    record Matrix(List<List<Answer>> rows) implements Answer {
    }

    /** An equation, inequality or chain: operators between consecutive sides, e.g. [<, <] for 1 < x < 2. */
    record Relation(List<Node> sides, List<String> operators) implements Answer {
    }

    /**
     * A structured value under a one-letter name, "D = (0, 1)", "S = \\{1, 2\\}": it answers the bare structure,
     * and the structure under the same name, but not under another name.
     */
    record Labelled(String label, Answer value) implements Answer {
    }

    record Choice(char letter) implements Answer {
    }

    record Text(String text) implements Answer {
    }
}

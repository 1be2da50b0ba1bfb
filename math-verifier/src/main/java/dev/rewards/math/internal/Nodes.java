package dev.rewards.math.internal;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Traversals of expression trees, so each rewrite or query states only what it does to one node. */
final class Nodes {

    private Nodes() {
    }

    /** Rebuilds the tree bottom-up: children first, then {@code rewrite} applied to the rebuilt node. */
    static Node map(Node node, UnaryOperator<Node> rewrite) {
        Node rebuilt;
        if (node instanceof Node.Add add) {
            rebuilt = new Node.Add(mapAll(add.terms(), rewrite));
        } else if (node instanceof Node.Mul mul) {
            rebuilt = new Node.Mul(mapAll(mul.factors(), rewrite));
        } else if (node instanceof Node.Pow pow) {
            rebuilt = new Node.Pow(map(pow.base(), rewrite), map(pow.exponent(), rewrite));
        } else if (node instanceof Node.Neg neg) {
            rebuilt = new Node.Neg(map(neg.value(), rewrite));
        } else if (node instanceof Node.Fn fn) {
            rebuilt = new Node.Fn(fn.name(), mapAll(fn.args(), rewrite));
        } else {
            rebuilt = node;
        }
        return rewrite.apply(rebuilt);
    }

    /** True when the node or any node below it satisfies {@code test}. */
    static boolean anyMatch(Node node, Predicate<Node> test) {
        return test.test(node) || children(node).stream().anyMatch(child -> anyMatch(child, test));
    }

    static List<Node> children(Node node) {
        if (node instanceof Node.Add add) {
            return add.terms();
        }
        if (node instanceof Node.Mul mul) {
            return mul.factors();
        }
        if (node instanceof Node.Pow pow) {
            return List.of(pow.base(), pow.exponent());
        }
        if (node instanceof Node.Neg neg) {
            return List.of(neg.value());
        }
        if (node instanceof Node.Fn fn) {
            return fn.args();
        }
        return List.of();
    }

    private static List<Node> mapAll(List<Node> nodes, UnaryOperator<Node> rewrite) {
        return nodes.stream().map(n -> map(n, rewrite)).toList();
    }
}

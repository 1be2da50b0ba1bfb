package dev.rewards.math.internal;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
            rebuilt = new Node.Fn(fn.func(), mapAll(fn.args(), rewrite));
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

    /** The names that are not variables. */
    static final Set<String> CONSTANTS = Set.of("pi", "e", "i", "inf");

    /** The free variables, sorted. */
    static Set<String> variables(Node node) {
        Set<String> out = new TreeSet<>();
        anyMatch(node, n -> {
            if (n instanceof Node.Sym sym && !CONSTANTS.contains(sym.name())) {
                out.add(sym.name());
            }
            return false;
        });
        return out;
    }

    static boolean isVariable(Node node) {
        return node instanceof Node.Sym sym && !CONSTANTS.contains(sym.name());
    }

    static boolean isInfinitySymbol(Node node) {
        return Printer.print(node).contains("inf");
    }

    /** The node with the named variables replaced by the given values. */
    static Node substitute(Node node, java.util.Map<String, Node> values) {
        return map(node, n -> n instanceof Node.Sym sym && values.containsKey(sym.name()) ? values.get(sym.name()) : n);
    }

    private static List<Node> mapAll(List<Node> nodes, UnaryOperator<Node> rewrite) {
        return nodes.stream().map(n -> map(n, rewrite)).toList();
    }
}

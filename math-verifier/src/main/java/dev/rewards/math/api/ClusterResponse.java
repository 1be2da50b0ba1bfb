package dev.rewards.math.api;

import java.util.List;

/** Classes of equivalent answers (indices into the request, each class in input order) and each answer's canonical form. */
public record ClusterResponse(List<List<Integer>> classes, List<String> forms) {
}

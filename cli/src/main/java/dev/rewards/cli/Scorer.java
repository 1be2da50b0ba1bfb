package dev.rewards.cli;

import java.util.List;
import java.util.Map;

import dev.rewards.gateway.ComponentResult;
import dev.rewards.gateway.Sample;

/** Rewards for a chunk of samples under a profile, in input order — in-process or through a gateway. */
interface Scorer extends AutoCloseable {

    /** One sample's reward (null when a component was unavailable) and its components. */
    record Scored(Double reward, Map<String, ComponentResult> components) {
    }

    List<Scored> score(String profile, List<Sample> samples);

    @Override
    default void close() {
    }
}

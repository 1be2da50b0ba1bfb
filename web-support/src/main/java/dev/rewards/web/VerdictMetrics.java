package dev.rewards.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts verdicts per service and status, exported as {@code rewards_verdicts_total{service,status}}. */
public final class VerdictMetrics {

    private final MeterRegistry registry;
    private final String service;

    public VerdictMetrics(MeterRegistry registry, String service) {
        this.registry = registry;
        this.service = service;
    }

    public void record(String status) {
        Counter.builder("rewards.verdicts")
                .description("Verdicts given, by service and status")
                .tag("service", service)
                .tag("status", status)
                .register(registry)
                .increment();
    }
}

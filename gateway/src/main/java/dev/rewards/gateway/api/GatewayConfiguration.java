package dev.rewards.gateway.api;

import java.util.Map;

import dev.rewards.gateway.Verifier;
import dev.rewards.gateway.client.VerifierClient;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
class GatewayConfiguration {

    @Bean
    Profiles profiles(GatewayProperties properties) {
        return new Profiles(properties.profiles(), properties.defaultProfile());
    }

    @Bean
    VerifierClient verifierClient(GatewayProperties properties, WebClient.Builder webClients,
                                  CircuitBreakerRegistry breakers, MeterRegistry meters) {
        VerifierClient client = new VerifierClient(webClients, new VerifierClient.Settings(
                Map.of(Verifier.MATH, properties.mathUrl(), Verifier.CODE, properties.codeUrl(),
                        Verifier.FORMAT, properties.formatUrl(), Verifier.LANGUAGE, properties.languageUrl()),
                properties.chunkSize(), properties.codeChunkSize(), properties.maxConcurrentCalls(),
                properties.retryAttempts(), properties.retryBackoff(), properties.failureRateThreshold(),
                properties.openStateWait(), properties.minimumCalls()), breakers, meters);
        for (Verifier verifier : Verifier.values()) {
            // 0 closed, 1 open, 2 half-open (other states map to 3) — alongside resilience4j's own state metrics.
            Gauge.builder("rewards.gateway.circuit", client, c -> switch (c.state(verifier)) {
                case CLOSED -> 0;
                case OPEN -> 1;
                case HALF_OPEN -> 2;
                default -> 3;
            }).tag("verifier", verifier.serviceName()).register(meters);
        }
        return client;
    }

    @Bean
    RequestIdFilter requestIdFilter() {
        return new RequestIdFilter();
    }

    @Bean
    RewardPipeline rewardPipeline(VerifierClient client, Profiles profiles, GatewayProperties properties,
                                  MeterRegistry meters) {
        return new RewardPipeline(client, profiles, properties, meters);
    }
}

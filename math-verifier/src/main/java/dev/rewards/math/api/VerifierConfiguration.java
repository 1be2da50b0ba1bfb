package dev.rewards.math.api;

import dev.rewards.math.MathVerifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class VerifierConfiguration {

    /** Symja is warmed up here, during startup, so readiness turns UP only once the first check is fast. */
    @Bean
    MathVerifier mathVerifier(MathProperties properties) {
        MathVerifier.warmUp();
        return new MathVerifier(properties.goldCacheSize());
    }
}
